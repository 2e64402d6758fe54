#include "core/progress_store.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace shelfmark {

namespace {

std::string SystemError(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

std::string ParentDir(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// The store plus its raw bytes (for an exact backup).
std::optional<Store> LoadStoreRaw(const std::string& path, std::string* raw, std::string* error) {
    Store store;
    errno = 0;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        if (errno == ENOENT) return store; // no store yet: empty
        if (error) *error = SystemError("cannot open the store", path);
        return std::nullopt;
    }
    std::fclose(f);
    if (!ReadFileLimited(path, kMaxProgressFileBytes, raw, error)) return std::nullopt;
    ProgressFileError perr;
    std::optional<ProgressFile> file = ParseProgressFile(*raw, &perr);
    if (!file) {
        if (error) *error = "the store " + path + " is damaged: " + perr.ToString();
        return std::nullopt;
    }
    store.existed = true;
    for (const PaperProgress& p : file->papers)
        store.progress.MergeStored(p);
    for (QuarantinedRecord& q : file->quarantine)
        store.progress.AddQuarantined(std::move(q), false);
    (void)store.progress.TakeDirty();
    (void)store.progress.TakeDirtyQuarantine();
    store.user = std::move(file->user);
    return store;
}

} // namespace

bool ReadFileLimited(const std::string& path, size_t max_bytes, std::string* out, std::string* error) {
    errno = 0;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        if (error) *error = SystemError("cannot open", path);
        return false;
    }
    std::string data;
    std::vector<char> buf(1 << 16);
    bool too_large = false;
    for (;;) {
        const size_t want = std::min(buf.size(), max_bytes + 1 - data.size());
        const size_t n = std::fread(buf.data(), 1, want, f);
        data.append(buf.data(), n);
        if (data.size() > max_bytes) {
            too_large = true;
            break;
        }
        if (n < want) break;
    }
    const bool read_error = std::ferror(f) != 0;
    std::fclose(f);
    if (too_large) {
        if (error) *error = path + " is larger than the limit of " + std::to_string(max_bytes) + " bytes";
        return false;
    }
    if (read_error) {
        if (error) *error = "cannot read " + path;
        return false;
    }
    *out = std::move(data);
    return true;
}

bool WriteFileAtomic(const std::string& path, std::string_view contents, std::string* error) {
    std::string tmpl = path + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    errno = 0;
    const int fd = mkstemp(name.data());
    if (fd < 0) {
        if (error) *error = SystemError("cannot create a temporary file next to", path);
        return false;
    }
    const std::string tmp(name.data());
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        std::remove(tmp.c_str());
        return false;
    };
    size_t done = 0;
    while (done < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = SystemError("cannot write", tmp);
            ::close(fd);
            return fail(why);
        }
        done += static_cast<size_t>(n);
    }
    // Keep the permissions of the file being replaced (mkstemp makes 0600).
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) (void)::fchmod(fd, st.st_mode & 07777);
    if (::fsync(fd) != 0) {
        const std::string why = SystemError("cannot flush", tmp);
        ::close(fd);
        return fail(why);
    }
    if (::close(fd) != 0) return fail(SystemError("cannot close", tmp));
    if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail(SystemError("cannot replace", path));
    // Make the rename itself durable; a failure here leaves a complete file either way.
    const int dir = ::open(ParentDir(path).c_str(), O_RDONLY);
    if (dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    return true;
}

std::optional<Store> LoadStore(const std::string& path, std::string* error) {
    std::string raw;
    return LoadStoreRaw(path, &raw, error);
}

bool SaveStore(const std::string& path, const Store& store, int64_t now_ms, std::string* error) {
    return WriteFileAtomic(path, ExportProgressFile(store.progress, store.user, now_ms), error);
}

std::string BackupPathFor(const std::string& store_path, int64_t now_ms) {
    std::string base = store_path;
    const std::string ext = ".json";
    if (base.size() > ext.size() && base.compare(base.size() - ext.size(), ext.size(), ext) == 0)
        base.resize(base.size() - ext.size());
    std::string stamp;
    for (char c : FormatIsoUtc(now_ms))
        if (c != '-' && c != ':') stamp += c;
    return base + ".backup-" + stamp + ".json";
}

bool ImportIntoStore(const std::string& store_path, std::string_view text, const StoreImportOptions& options,
                     StoreImportReport* report) {
    StoreImportReport local;
    StoreImportReport& rep = report ? *report : local;
    auto fail = [&](std::string why) {
        rep.error = std::move(why);
        return false;
    };
    std::string raw, why;
    std::optional<Store> store = LoadStoreRaw(store_path, &raw, &why);
    if (!store) return fail(why);
    rep.plan =
        PlanImport(text, options.file_name, store->progress, store->user, options.catalogue, options.now_ms);
    if (std::string no = rep.plan.WhyNot(options.mode); !no.empty()) return fail(std::move(no));
    const bool markdown =
        options.mode == ImportMode::ChecklistProgress || options.mode == ImportMode::NewList;
    if (markdown && !options.catalogue) return fail("a catalogue is needed to match Markdown to papers");
    if (options.mode == ImportMode::Merge) rep.preview = rep.plan.merge;
    if (options.mode == ImportMode::Replace) rep.preview = rep.plan.replace;
    if (options.dry_run) return true;

    if (options.mode == ImportMode::Replace && store->existed) {
        rep.backup_path = BackupPathFor(store_path, options.now_ms);
        if (!WriteFileAtomic(rep.backup_path, raw, &why)) {
            rep.backup_path.clear();
            return fail("cannot write the backup, nothing was imported: " + why);
        }
    }
    const ImportOutcome out = ApplyPlan(rep.plan, options.mode, store->progress, store->user, options.now_ms);
    if (!out.changed) return true; // nothing to write: the store stays byte for byte
    if (!SaveStore(store_path, *store, options.now_ms, &why)) return fail(why);
    rep.changed = true;
    return true;
}

} // namespace shelfmark
