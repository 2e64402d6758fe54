// import_mode.h: the four ways an imported file can be applied. Its own header because
// progress_file.h (Merge, Replace) and import_plan.h (all four) both need it.
#pragma once

namespace shelfmark {

enum class ImportMode {
    Merge,             // progress file: per field the newer change wins; nothing is deleted
    Replace,           // progress file: the local state becomes the file (after a backup)
    ChecklistProgress, // Markdown: ticked "- [x]" items mark their papers read
    NewList,           // Markdown: the whole file becomes a new list of the user's own
};

} // namespace shelfmark
