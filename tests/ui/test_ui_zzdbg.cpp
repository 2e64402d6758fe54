#include <doctest/doctest.h>
#include <imgui.h>
#include <chrono>
#include <cstdio>
#include "core/synthetic.h"
#include "platform/platform.h"
#include "ui_harness.h"
namespace shelfmark {
TEST_CASE("dbg") {
    uitest::UiApp app;
    SyntheticSpec spec; spec.papers = 50000; spec.lists = 50; spec.seed = 1;
    UseCatalogue(app.s, GenerateSyntheticCatalogue(spec));
    app.s.progress = GenerateSyntheticProgress(spec);
    (void)app.s.progress.TakeDirty();
    app.Start(); app.Frames(4);
    app.Click("list:"); app.Frames(3);
    app.Key('/'); REQUIRE(app.WaitForTextInput()); app.Frames(4);
    using C = std::chrono::steady_clock;
    double key_ms = 0, after_ms = 0; int n = 0;
    for (int rep = 0; rep < 10; ++rep) for (char ch : std::string("eas")) {
        app.host.AddKey(static_cast<ImGuiKey>(ImGuiKey_A + ch - 'a'), true, true);
        platform::PostPlatformEvent(platform::event::Text{std::string(1, ch)});
        auto t0 = C::now(); app.Frame(); auto t1 = C::now(); app.Frame(); auto t2 = C::now();
        key_ms += std::chrono::duration<double, std::milli>(t1 - t0).count();
        after_ms += std::chrono::duration<double, std::milli>(t2 - t1).count(); ++n;
        app.host.AddKey(ImGuiKey_Backspace, true, false);
        t0 = C::now(); app.Frame(); t1 = C::now();
        app.host.AddKey(ImGuiKey_Backspace, false, false); app.Frame(); app.Frame();
        key_ms += std::chrono::duration<double, std::milli>(t1 - t0).count(); ++n;
    }
    std::printf("key frame mean %.2f ms, next frame %.2f ms, query '%s' rows %zu\n", key_ms / n, after_ms / (n/2), app.s.ui.query.c_str(), app.s.derived.rows.size());
}
}
