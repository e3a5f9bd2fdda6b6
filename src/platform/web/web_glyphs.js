// JavaScript half of the web platform, linked with --js-library. Everything the
// C++ side needs from the browser goes through these few functions.

mergeInto(LibraryManager.library, {
  // Fetches a file that ships beside index.html (relative URL, so dist/ works under
  // any path prefix). The shell may have started the download already, with progress
  // (Module.liaoxiuPrefetch). Answers through lx_on_asset(request, ok, bytes, length).
  lx_fetch_asset__deps: ['$lxBodies', 'malloc', 'free'],
  lx_fetch_asset: function (urlPtr, request) {
    var url = UTF8ToString(urlPtr);
    var pending = (Module.liaoxiuPrefetch && Module.liaoxiuPrefetch[url]) ||
      fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
    pending.then(function (buffer) {
      Module._lx_on_asset(request, lxBodies.keep(new Uint8Array(buffer)));  // read from wasm in chunks
    }, function (error) {
      var message = String(error && error.message || error);
      var length = lengthBytesUTF8(message) + 1;
      var ptr = _malloc(length);
      stringToUTF8(message, ptr, length);
      Module._lx_on_asset_failed(request, ptr);
      _free(ptr);
    });
  },

  // Glyphs from the device's own fonts. A 2D canvas draws each character in white; its
  // alpha is the coverage. lx_rasterize returns a malloc'd block (layout below) that the
  // caller frees.
  $lxGlyphs: {
    fontStack: '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", ' +
               '"Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif',
    canvas: null,
    context: function (width, height) {
      if (!this.canvas) {
        this.canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height)
                                                             : document.createElement('canvas');
      }
      if (this.canvas.width < width) this.canvas.width = width;
      if (this.canvas.height < height) this.canvas.height = height;
      return this.canvas.getContext('2d', { willReadFrequently: true });
    },
    metrics: function (pixelSize) {
      var ctx = this.context(64, 64);
      ctx.font = pixelSize + 'px ' + this.fontStack;
      var m = ctx.measureText('国Hg');
      var ascent = m.fontBoundingBoxAscent !== undefined ? m.fontBoundingBoxAscent : pixelSize * 0.88;
      var descent = m.fontBoundingBoxDescent !== undefined ? m.fontBoundingBoxDescent : pixelSize * 0.24;
      return { ascent: Math.ceil(ascent), descent: Math.ceil(descent) };
    }
  },

  lx_line_metrics__deps: ['$lxGlyphs'],
  lx_line_metrics: function (pixelSize, out) {
    var m = lxGlyphs.metrics(pixelSize);
    HEAPF32[out >> 2] = m.ascent;
    HEAPF32[(out >> 2) + 1] = m.descent;
  },

  lx_rasterize__deps: ['$lxGlyphs', 'malloc'],
  lx_rasterize: function (codepoints, count, pixelSize) {
    var line = lxGlyphs.metrics(pixelSize);
    var cell = Math.ceil(pixelSize * 2);            // room for wide or overhanging glyphs
    // Slot 0 holds an unassigned codepoint: whatever the browser draws for it is its
    // "no font has this" box. A character drawn identically is reported as missing (left
    // out), so the app draws and counts its own missing-glyph box instead of hiding tofu.
    var slots = [0x0378];
    for (var k = 0; k < count; k++) slots.push(HEAPU32[(codepoints >> 2) + k]);
    // No wider than the slots need: a character typed for the first time is drawn in a
    // frame, and reading back a 2048-pixel strip for it cost more than drawing it.
    var columns = Math.max(1, Math.min(slots.length, Math.floor(2048 / cell)));
    var rows = Math.ceil(slots.length / columns);
    var ctx = lxGlyphs.context(columns * cell, rows * cell);
    ctx.clearRect(0, 0, columns * cell, rows * cell);
    ctx.font = pixelSize + 'px ' + lxGlyphs.fontStack;
    ctx.fillStyle = 'white';
    ctx.textBaseline = 'alphabetic';
    var placed = [];
    for (var i = 0; i < slots.length; i++) {
      var cp = slots[i];
      var ch = String.fromCodePoint(cp);
      var cellX = (i % columns) * cell, cellY = Math.floor(i / columns) * cell;
      var penX = cellX + Math.floor(pixelSize * 0.5);
      var baseline = cellY + Math.floor(pixelSize * 0.25) + line.ascent;
      ctx.fillText(ch, penX, baseline);
      var m = ctx.measureText(ch);
      var left = Math.max(penX - Math.ceil(m.actualBoundingBoxLeft), cellX);
      var right = Math.min(penX + Math.ceil(m.actualBoundingBoxRight), cellX + cell);
      var top = Math.max(baseline - Math.ceil(m.actualBoundingBoxAscent), cellY);
      var bottom = Math.min(baseline + Math.ceil(m.actualBoundingBoxDescent), cellY + cell);
      placed.push({ cp: cp, x: left, y: top, w: Math.max(0, right - left), h: Math.max(0, bottom - top),
                    ox: left - penX, oy: top - (baseline - line.ascent), advance: Math.round(m.width) });
    }
    var pixels = ctx.getImageData(0, 0, columns * cell, rows * cell).data;
    var stride = columns * cell;
    var alphaOf = function (g) {
      var out = new Uint8Array(g.w * g.h);
      for (var y = 0; y < g.h; y++)
        for (var x = 0; x < g.w; x++) out[y * g.w + x] = pixels[((g.y + y) * stride + g.x + x) * 4 + 3];
      return out;
    };
    var tofu = alphaOf(placed[0]);
    var sameAsTofu = function (g, alpha) {
      if (tofu.length === 0 || g.w !== placed[0].w || g.h !== placed[0].h) return false;
      for (var i = 0; i < alpha.length; i++) if (alpha[i] !== tofu[i]) return false;
      return true;
    };
    var glyphs = [], total = 4;
    for (var g = 1; g < placed.length; g++) {
      var alpha = alphaOf(placed[g]);
      if (sameAsTofu(placed[g], alpha)) continue;
      placed[g].alpha = alpha;
      glyphs.push(placed[g]);
      total += 24 + ((alpha.length + 3) & ~3);
    }
    // Layout: int32 glyph count, then per glyph int32 codepoint, width, height, float32
    // offset_x, offset_y, advance, and width*height alpha bytes padded to 4.
    var block = _malloc(total);
    HEAP32[block >> 2] = glyphs.length;
    var at = block + 4;
    for (var n = 0; n < glyphs.length; n++) {
      var glyph = glyphs[n];
      HEAP32[at >> 2] = glyph.cp;
      HEAP32[(at >> 2) + 1] = glyph.w;
      HEAP32[(at >> 2) + 2] = glyph.h;
      HEAPF32[(at >> 2) + 3] = glyph.ox;
      HEAPF32[(at >> 2) + 4] = glyph.oy;
      HEAPF32[(at >> 2) + 5] = glyph.advance;
      HEAPU8.set(glyph.alpha, at + 24);
      at += 24 + ((glyph.alpha.length + 3) & ~3);
    }
    return block;
  },

  // The test-facing API (docs/testing.md): window.liaoxiu.ready, stats(), items().
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
    // Benchmarks: the generated catalogue of src/core/generate.hpp, as JSON text or in place
    // of the current one. spec: {routes, members, groups, seed}, by default the 10k catalogue.
    var generated = function (name, spec) {
      spec = spec || {};
      return Module['_' + name](spec.routes || 10000, spec.members || 5000, spec.groups || 20000, spec.seed || 1);
    };
    api.generatedCatalogueJson = function (spec) { return UTF8ToString(generated('lx_test_generated_catalogue_json', spec)); };
    api.loadGeneratedCatalogue = function (spec) { return generated('lx_test_load_generated_catalogue', spec); };
  },

  // The page's address without its hash: the base of every share link and QR code.
  lx_page_address__deps: ['malloc'],
  lx_page_address: function () {
    var address = location.href.split('#')[0];
    var length = lengthBytesUTF8(address) + 1;
    var ptr = _malloc(length);
    stringToUTF8(address, ptr, length);
    return ptr;
  },

  // The system share sheet where there is one (phones); otherwise the link is copied.
  // Returns 1 when the share sheet was opened.
  lx_share: function (titlePtr, urlPtr) {
    var title = UTF8ToString(titlePtr), url = UTF8ToString(urlPtr);
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () {});
      return 1;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).catch(function () {});
    return 0;
  },

  // The first frame is on screen: the shell removes its loading indicator.
  lx_first_frame: function () {
    if (Module.onFirstFrame) Module.onFirstFrame();
  },

  lx_set_ready: function () {
    window.liaoxiu.ready = true;
  },

  // 1 when the page address has ?name=value (?kiosk=1, ?contrast=high).
  lx_page_flag: function (namePtr, valuePtr) {
    try {
      return new URLSearchParams(location.search).get(UTF8ToString(namePtr)) === UTF8ToString(valuePtr) ? 1 : 0;
    } catch (error) {
      return 0;
    }
  },

  // Screen readers cannot read a canvas: what changes (the screen's title, the number of
  // results, every notice) is written into visually hidden live regions, a polite
  // role=status and an assertive role=alert for errors. They come first in <body>, so
  // document.querySelector('[role=status]') finds this one, not the loader's.
  $lxLive: {
    regions: null,
    create: function (role, live) {
      var e = document.createElement('div');
      e.setAttribute('role', role);
      e.setAttribute('aria-live', live);
      e.setAttribute('aria-atomic', 'true');
      e.className = 'lx-live';
      // Visually hidden, still read: not display:none or visibility:hidden.
      e.style.cssText = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;' +
                        'clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;';
      document.body.insertBefore(e, document.body.firstChild);
      return e;
    },
    get: function () {
      if (!this.regions) {
        var alert = this.create('alert', 'assertive');
        var status = this.create('status', 'polite');  // inserted last, so first in the page
        this.regions = { status: status, alert: alert };
      }
      return this.regions;
    }
  },

  lx_announce__deps: ['$lxLive'],
  lx_announce: function (textPtr, urgent) {
    var regions = lxLive.get();
    var text = UTF8ToString(textPtr);
    var region = urgent ? regions.alert : regions.status;
    // The same words twice in a row (the same error again) must still be read.
    if (region.textContent === text) region.textContent = '';
    region.textContent = text;
  }
});
