# Web build (emcmake): the ImGui app as shelfmark.js + shelfmark.wasm + shelfmark.data,
# assembled with web/ and assets/ into ${CMAKE_BINARY_DIR}/site.
if(NOT EXISTS "${IMGUI_SOURCE_DIR}/imgui.h")
  message(FATAL_ERROR "Dear ImGui sources not found (IMGUI_SOURCE_DIR=${IMGUI_SOURCE_DIR}); run scripts/setup.sh")
endif()

set(SHELFMARK_UI_FONT "/usr/share/fonts/opentype/inter/Inter-Regular.otf" CACHE FILEPATH "UI font (sans)")
set(SHELFMARK_MONO_FONT "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf" CACHE FILEPATH "Monospace font")
set(SHELFMARK_ICON_FONT "/usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf" CACHE FILEPATH "Icon font")
foreach(_f SHELFMARK_UI_FONT SHELFMARK_MONO_FONT SHELFMARK_ICON_FONT)
  if(NOT EXISTS "${${_f}}")
    message(FATAL_ERROR "${_f} not found: ${${_f}} (Debian: fonts-inter, fonts-jetbrains-mono, fonts-fork-awesome)")
  endif()
endforeach()

# The fonts are shipped subset to the code points the UI and the bundled lists use (about
# 50 KB instead of 680 KB; scripts/subset-fonts.py, pyftsubset from Debian's fonttools).
# Other scripts (CJK, Greek in a note) are drawn with the browser's fonts on first use.
find_program(PYFTSUBSET pyftsubset)
# The python3 that Debian's fonttools is installed for (a python3 earlier on PATH, such as
# a pyenv one, would not have fontTools).
find_program(PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(PYTHON3 python3)
if(NOT PYFTSUBSET OR NOT PYTHON3)
  message(FATAL_ERROR "pyftsubset (Debian: fonttools) and python3 are needed to subset the fonts: run scripts/setup.sh")
endif()
set(_font_dir "${CMAKE_BINARY_DIR}/fonts")
set(_fonts "${_font_dir}/ui.ttf" "${_font_dir}/mono.ttf" "${_font_dir}/icons.ttf")
file(GLOB _font_scan CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/app/*.cpp" "${CMAKE_SOURCE_DIR}/src/app/*.h"
  "${CMAKE_SOURCE_DIR}/src/core/*.cpp" "${CMAKE_SOURCE_DIR}/src/core/*.h" "${CMAKE_SOURCE_DIR}/data/*.json"
  "${CMAKE_SOURCE_DIR}/data/lists/*.json")
add_custom_command(
  OUTPUT ${_fonts}
  COMMAND "${PYTHON3}" "${CMAKE_SOURCE_DIR}/scripts/subset-fonts.py" --out "${_font_dir}"
          --text "${SHELFMARK_UI_FONT}" "${SHELFMARK_MONO_FONT}" --icons "${SHELFMARK_ICON_FONT}"
          --scan "${CMAKE_SOURCE_DIR}/src/app" "${CMAKE_SOURCE_DIR}/src/core" "${CMAKE_SOURCE_DIR}/data"
  COMMAND ${CMAKE_COMMAND} -E touch ${_fonts}
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/subset-fonts.py" ${_font_scan}
          "${SHELFMARK_UI_FONT}" "${SHELFMARK_MONO_FONT}" "${SHELFMARK_ICON_FONT}"
  COMMENT "Subsetting the fonts to the code points the UI and data/ use"
  VERBATIM)
add_custom_target(shelfmark_fonts DEPENDS ${_fonts})

add_library(imgui STATIC
  "${IMGUI_SOURCE_DIR}/imgui.cpp" "${IMGUI_SOURCE_DIR}/imgui_draw.cpp"
  "${IMGUI_SOURCE_DIR}/imgui_tables.cpp" "${IMGUI_SOURCE_DIR}/imgui_widgets.cpp"
  "${IMGUI_SOURCE_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_SOURCE_DIR}" "${IMGUI_SOURCE_DIR}/backends")
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_DEMO_WINDOWS)
# imgui_draw.cpp (the font atlas with stb_truetype and stb_rect_pack, and the draw lists)
# is built for speed: at -Oz its element-by-element copies stay calls (the atlas's
# 62k-entry glyph index: 17 -> 10 ms of a profiled start-up in wasm; inline templates
# other files also use may still come from their -Oz copies).
if(CMAKE_BUILD_TYPE STREQUAL "Release")
  set_source_files_properties("${IMGUI_SOURCE_DIR}/imgui_draw.cpp" PROPERTIES COMPILE_OPTIONS "-O2")
endif()

file(GLOB SHELFMARK_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp src/platform/*_web.cpp)
add_executable(shelfmark_web ${SHELFMARK_APP_SOURCES})
set_target_properties(shelfmark_web PROPERTIES OUTPUT_NAME shelfmark SUFFIX ".js")
target_link_libraries(shelfmark_web PRIVATE shelfmark_core imgui shelfmark_warnings)

set(_stage "${CMAKE_BINARY_DIR}/stage")
set(_js_libs "${CMAKE_SOURCE_DIR}/src/platform/storage_web.js" "${CMAKE_SOURCE_DIR}/src/platform/page_web.js")
foreach(_l IN LISTS _js_libs)
  target_link_options(shelfmark_web PRIVATE "SHELL:--js-library ${_l}")
endforeach()
set_property(TARGET shelfmark_web APPEND PROPERTY LINK_DEPENDS ${_js_libs})
file(GLOB_RECURSE _data_files CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/data/*.json")
set_property(TARGET shelfmark_web APPEND PROPERTY LINK_DEPENDS ${_data_files} ${_fonts})
add_dependencies(shelfmark_web shelfmark_fonts)
target_link_options(shelfmark_web PRIVATE
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sTOTAL_STACK=2097152
  -sENVIRONMENT=web -sMODULARIZE=0 -sEXIT_RUNTIME=0
  # A signature mismatch becomes a trap at run time: make it a link error.
  -Wl,--fatal-warnings
  "-sEXPORTED_FUNCTIONS=[_main,_malloc,_free]"
  "-sEXPORTED_RUNTIME_METHODS=[UTF8ToString,stringToUTF8,lengthBytesUTF8,ccall]"
  -sDYNAMIC_EXECUTION=0
  "SHELL:--preload-file ${CMAKE_SOURCE_DIR}/data@/data"
  "SHELL:--preload-file ${_font_dir}/ui.ttf@/fonts/ui.ttf"
  "SHELL:--preload-file ${_font_dir}/mono.ttf@/fonts/mono.ttf"
  "SHELL:--preload-file ${_font_dir}/icons.ttf@/fonts/icons.ttf"
  "SHELL:--exclude-file *.md")

# The static site folder.
file(GLOB _web_files CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
file(GLOB _asset_files CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/assets/*")
set(SITE_DIR "${CMAKE_BINARY_DIR}/site")
add_custom_command(
  OUTPUT "${SITE_DIR}/.stamp"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${SITE_DIR}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${SITE_DIR}"
  COMMAND ${CMAKE_COMMAND} -E copy ${_web_files} ${_asset_files} "${SITE_DIR}/"
  COMMAND ${CMAKE_COMMAND} -E copy
          "$<TARGET_FILE_DIR:shelfmark_web>/shelfmark.js"
          "$<TARGET_FILE_DIR:shelfmark_web>/shelfmark.wasm"
          "$<TARGET_FILE_DIR:shelfmark_web>/shelfmark.data" "${SITE_DIR}/"
  COMMAND node "${CMAKE_SOURCE_DIR}/scripts/stamp-site.mjs" "${SITE_DIR}"
  COMMAND ${CMAKE_COMMAND} -E touch "${SITE_DIR}/.stamp"
  DEPENDS shelfmark_web ${_web_files} ${_asset_files} "${CMAKE_SOURCE_DIR}/scripts/stamp-site.mjs"
  COMMENT "Assembling the static site in ${SITE_DIR}")
add_custom_target(site ALL DEPENDS "${SITE_DIR}/.stamp")
