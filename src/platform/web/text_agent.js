// The text agent: a hidden <input> that stands in for the ImGui text field being edited,
// so phones open their on-screen keyboard and Chinese IMEs compose into something real.
// Phones open the keyboard only when focus happens inside a user gesture, so the agent
// is focused synchronously in the canvas's touchend/mouseup handler when the tap lands on
// a text field of the last frame (published by C++ through lx_text_agent_fields).
//
// The agent keeps one sentinel character so a soft keyboard's Backspace on an "empty"
// field still produces an input event; committed text and edit keys go to C++
// (lx_agent_text / lx_agent_key), which feeds them to ImGui in a safe order.
//
// Each field comes with its kind (ui::FieldKind), which sets the agent's inputmode and
// enterkeyhint before it is focused, so a number field brings up the number pad.
//
// A date field tapped on a touch screen opens the phone's own date picker instead: a hidden
// <input type=date> is focused (and asked to showPicker) inside the tap, and the day picked
// replaces the field's text as if typed (select all, the YYYY-MM-DD, Enter to end editing).
// A mouse click keeps typing: a keyboard is at hand, and a desktop picker would only slow it.

mergeInto(LibraryManager.library, {
  $lxAgent__deps: ['$lxStrings'],
  $lxAgent: {
    element: null,
    picker: null,        // the <input type=date> behind date fields on touch screens
    fields: [],          // [x, y, width, height, kind] per field, in CSS px, from the last frame
    kind: -1,            // the kind the element is set up for
    dateKind: 4,         // ui::FieldKind::date
    // By ui::FieldKind: text, search, number, decimal, date (typed as digits and "-" when not picked), phone.
    modes: [['text', 'done'], ['text', 'search'], ['numeric', 'done'], ['decimal', 'done'], ['numeric', 'done'],
            ['tel', 'done']],
    composing: false,
    sentinel: '\u200b',  // zero-width space
    keys: { Backspace: 1, Enter: 2, Tab: 3, ArrowLeft: 4, ArrowRight: 5, ArrowUp: 6, ArrowDown: 7,
            Home: 8, End: 9, Delete: 10, Escape: 11 },

    send: function (text) {
      if (text) lxStrings.pass(text, function (ptr) { Module._lx_agent_text(ptr); });
    },
    key: function (code, modifiers) { Module._lx_agent_key(code, modifiers); },
    reset: function () {
      var e = this.element;
      e.value = this.sentinel;
      e.setSelectionRange(1, 1);
    },
    // The kind of the field at (x, y), or -1 when there is none.
    hit: function (x, y) {
      for (var i = 0; i < this.fields.length; i += 5) {
        var f = this.fields;
        if (x >= f[i] && y >= f[i + 1] && x <= f[i] + f[i + 2] && y <= f[i + 1] + f[i + 3]) return f[i + 4];
      }
      return -1;
    },
    setKind: function (kind) {
      var mode = this.modes[kind];
      if (!mode || kind === this.kind) return;
      this.kind = kind;
      this.element.setAttribute('inputmode', mode[0]);
      this.element.setAttribute('enterkeyhint', mode[1]);
    },
    // The day picked (YYYY-MM-DD, or '' when cleared) replaces the date field's text.
    picked: function (value) {
      this.key(100, 1);  // Ctrl+A: select the field's text, so what follows replaces it
      this.send(value || '');
      if (!value) this.key(this.keys.Backspace, 0);
      this.key(this.keys.Enter, 0);  // ends editing, as the picker closing does
    },
    openPicker: function () {
      var p = this.picker;
      p.value = '';
      p.focus({ preventScroll: true });
      // Chromium and Safari 16+ open their picker on request (needs this tap's activation); iOS
      // also opens it on focus alone.
      try { if (p.showPicker) p.showPicker(); } catch (e) { /* not allowed here: focus is enough */ }
    },
    modifiers: function (event) {
      return (event.ctrlKey ? 1 : 0) | (event.shiftKey ? 2 : 0) | (event.altKey ? 4 : 0) | (event.metaKey ? 8 : 0);
    }
  },

  lx_text_agent_init__deps: ['$lxAgent', '$lxStrings'],
  lx_text_agent_init: function () {
    var agent = lxAgent;
    var e = document.createElement('input');
    e.id = 'lx-text-agent';
    e.type = 'text';
    e.setAttribute('autocomplete', 'off');
    e.setAttribute('autocorrect', 'off');
    e.setAttribute('autocapitalize', 'off');
    e.setAttribute('spellcheck', 'false');
    e.setAttribute('aria-hidden', 'true');  // until a field is edited (semantics.js names it then)
    e.tabIndex = -1;  // reached through a field, never by Tab on its own
    // 16 px keeps iOS from zooming in; transparent and inert to pointers, but focusable.
    e.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:20px;font-size:16px;opacity:0;' +
                      'border:0;padding:0;margin:0;pointer-events:none;z-index:-1;caret-color:transparent;';
    document.body.appendChild(e);
    agent.element = e;
    agent.reset();
    agent.setKind(0);

    var picker = document.createElement('input');
    picker.id = 'lx-date-picker';
    picker.type = 'date';
    picker.setAttribute('aria-hidden', 'true');
    picker.tabIndex = -1;
    picker.style.cssText = e.style.cssText;
    document.body.appendChild(picker);
    agent.picker = picker;
    var pickedValue = null;
    // 'change' comes when a day is chosen (or the picker's Clear); typed digits on a desktop
    // Chromium come as 'input' while incomplete, so only whole days and clearing count.
    picker.addEventListener('change', function () { pickedValue = picker.value; picker.blur(); });
    picker.addEventListener('blur', function () {
      if (pickedValue !== null) agent.picked(pickedValue);
      else Module._lx_agent_blur();  // closed without a choice: the field stays as it was
      pickedValue = null;
    });

    var canvas = Module.canvas;
    var focusIfField = function (x, y, touch) {
      var r = canvas.getBoundingClientRect();
      var kind = agent.hit(x - r.left, y - r.top);
      if (kind === agent.dateKind && touch) {
        agent.openPicker();
      } else if (kind >= 0) {
        agent.setKind(kind);  // before focus: the keyboard that opens is chosen then
        e.focus({ preventScroll: true });
        agent.reset();
      }
    };
    var lastTouch = -1e9;
    canvas.addEventListener('touchend', function (event) {
      var t = event.changedTouches[0];
      lastTouch = event.timeStamp;
      if (t) focusIfField(t.clientX, t.clientY, true);
    }, true);
    canvas.addEventListener('mouseup', function (event) {
      // A browser may send a tap again as mouse events: the touch handler took it already.
      if (event.timeStamp - lastTouch > 1000) focusIfField(event.clientX, event.clientY, false);
    }, true);

    e.addEventListener('compositionstart', function () { agent.composing = true; });
    e.addEventListener('compositionupdate', function (event) {
      lxStrings.pass(event.data || '', function (ptr) { Module._lx_agent_preedit(ptr); });
    });
    e.addEventListener('compositionend', function (event) {
      agent.composing = false;
      Module._lx_agent_preedit(0);
      agent.send(event.data || e.value.replace(agent.sentinel, ''));
      agent.reset();
    });
    e.addEventListener('input', function (event) {
      if (agent.composing || event.isComposing) return;
      var type = event.inputType || '';
      if (type === 'deleteContentBackward') agent.key(agent.keys.Backspace, 0);
      else if (type === 'insertLineBreak' || type === 'insertParagraph') agent.key(agent.keys.Enter, 0);
      else agent.send(e.value.replace(agent.sentinel, ''));
      agent.reset();
    });
    e.addEventListener('keydown', function (event) {
      event.stopPropagation();
      if (agent.composing || event.isComposing || event.keyCode === 229) return;  // the IME owns it
      var code = agent.keys[event.key];
      var mods = agent.modifiers(event);
      if (code) {
        event.preventDefault();
        agent.key(code, mods);
      } else if ((event.ctrlKey || event.metaKey) && /^[acxyz]$/i.test(event.key)) {
        // Select all, copy, cut, undo, redo: ImGui does them; paste comes as a paste event.
        event.preventDefault();
        agent.key(100 + event.key.toLowerCase().charCodeAt(0) - 97, mods);
      }
    });
    e.addEventListener('keyup', function (event) { event.stopPropagation(); });
    // The keyboard was dismissed (Android back, tapping elsewhere): stop editing too.
    e.addEventListener('blur', function () { Module._lx_agent_blur(); });
    e.addEventListener('paste', function (event) {
      var text = event.clipboardData && event.clipboardData.getData('text/plain');
      event.preventDefault();
      agent.send(text);
    });
  },

  lx_text_agent_fields__deps: ['$lxAgent'],
  lx_text_agent_fields: function (fields, count) {
    lxAgent.fields = Array.prototype.slice.call(HEAPF32.subarray(fields >> 2, (fields >> 2) + count * 5));
  },

  // Keeps the agent in step with ImGui: placed at the caret so the IME's candidate window
  // appears beside it, blurred (keyboard closed) when editing ends, and set up for the kind
  // of the field being edited (one reached by Tab was not tapped).
  lx_text_agent_update__deps: ['$lxAgent'],
  lx_text_agent_update: function (blur, x, y, kind) {
    var e = lxAgent.element;
    if (!e) return;
    if (kind >= 0) lxAgent.setKind(kind);
    // Written only when the caret moved: a style write costs the page a style pass.
    var left = Math.max(0, x) + 'px', top = Math.max(0, y) + 'px';
    if (e.style.left !== left) e.style.left = left;
    if (e.style.top !== top) e.style.top = top;
    if (blur && document.activeElement === e) e.blur();
  }
});
