// window.liaoxiu, the test-facing API (test_api.cpp, docs/testing.md), linked with
// --js-library: ready, stats(), items() for the end-to-end tests; frameTimes() and
// heapInUse() for the first-load benchmark, which measures this very build.
mergeInto(LibraryManager.library, {
  lx_publish_test_api: function () {
    var call = function (name) {
      var ptr = Module['_' + name]();
      return JSON.parse(UTF8ToString(ptr));
    };
    var api = window.liaoxiu || (window.liaoxiu = {});
    api.ready = false;
    api.stats = function () { return call('lx_test_stats'); };
    api.items = function () { return call('lx_test_items'); };
    api.frameTimes = function () {
      var at = Module['_lx_test_frame_times']() >> 3;
      return { frames: HEAPF64[at], lastFrameMs: HEAPF64[at + 1], fonts: HEAPF64[at + 2], build: HEAPF64[at + 3],
               gl: HEAPF64[at + 4] };
    };
    api.heapInUse = function () { return Module['_lx_test_heap_in_use'](); };
  },

  lx_test_set_ready: function () {
    window.liaoxiu.ready = true;
  }
});
