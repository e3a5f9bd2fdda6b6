// The accessibility tree's browser half (semantics.hpp): elements over the canvas, one per
// item of the last frame, kept in step by lx_semantics_update. They are transparent and take
// no pointer input; a screen reader's activation (a click event) or Enter / Space on the
// focused element becomes a click on the canvas at the item, so it goes through what a tap
// does. The focused element shows a focus ring: keyboard focus is visible on the canvas.

mergeInto(LibraryManager.library, {
  $lxSemantics: {
    root: null,
    byId: {},         // id -> element
    pending: null,    // an id to press once it is in view
    agentLabel: '',   // the text field being edited, for the text agent's accessible name
    dialog: '',       // the open modal dialog's title, or ''
    opener: null,     // the id of the element focused when the dialog opened, to return to when it closes

    // Press the item: the canvas receives what a mouse would send at the item's middle. The
    // release comes a little later, so ImGui sees the button down in one frame and up in a
    // later one, as with a real press.
    press: function (el) {
      var canvas = Module.canvas;
      var r = canvas.getBoundingClientRect();
      var x = r.left + Number(el.dataset.x) + Number(el.dataset.w) / 2;
      var y = r.top + Number(el.dataset.y) + Number(el.dataset.h) / 2;
      var send = function (type, target, buttons) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y,
                                                   screenX: x, screenY: y, button: 0, buttons: buttons }));
      };
      send('mousemove', canvas, 0);
      send('mousedown', canvas, 1);
      var self = this;
      setTimeout(function () {
        if (el.dataset.role === 't') {
          // The canvas's release focuses the text agent (text_agent.js); it takes the field's name.
          self.agentLabel = el.getAttribute('aria-label') || '';
        }
        send('mouseup', canvas, 0);
      }, 60);
    },
    activate: function (el) {
      if (el.dataset.hidden === '1') {
        this.pending = el.dataset.id;
        this.show(el);
        return;
      }
      this.press(el);
    },
    show: function (el) {
      Module._lx_semantics_show(parseInt(el.dataset.id, 16));
      Module._lx_loop_wake();
    },
    make: function (role) {
      var el;
      if (role === 'b' || role === 'p') {
        el = document.createElement('button');
        el.type = 'button';
      } else if (role === 'x') {
        el = document.createElement('p');
      } else {
        el = document.createElement('div');
        el.tabIndex = 0;
        el.setAttribute('role', role === 'c' ? 'checkbox' : 'textbox');
      }
      el.dataset.role = role;
      return el;
    },
    // While a modal dialog is open, the whole tree is the dialog (what is under it is left out):
    // the root takes its role and title. Focus that was in the tree moves into the dialog, and
    // back to where it was when the dialog closes.
    setDialog: function (title, focused) {
      if (title === this.dialog) return null;
      var root = this.root;
      var hadFocus = !!focused;
      if (title) {
        root.setAttribute('role', 'dialog');
        root.setAttribute('aria-modal', 'true');
        root.setAttribute('aria-label', title);
        if (!this.dialog) this.opener = focused ? focused.dataset.id : null;
      } else {
        root.removeAttribute('role');
        root.removeAttribute('aria-modal');
        root.removeAttribute('aria-label');
      }
      var wasOpen = !!this.dialog;
      this.dialog = title;
      return { opened: !!title && !wasOpen, closed: !title && wasOpen, hadFocus: hadFocus };
    },
    // Fields: id, role (+ 'h' when out of view), state, x, y, width, height, name, value.
    update: function (tree) {
      var root = this.root;
      var seen = {};
      var order = [];
      var texts = 0;
      var nodes = tree.split('\x1e');
      var dialog = '';
      // Taken before elements go: the one focused may be under a dialog that just opened.
      var focused = root.contains(document.activeElement) ? document.activeElement : null;
      for (var i = 0; i < nodes.length; i++) {
        if (!nodes[i]) continue;
        var f = nodes[i].split('\x1f');
        var role = f[1].charAt(0), hidden = f[1].length > 1 ? '1' : '0', state = f[2];
        if (role === 'd') {
          dialog = f[7];
          continue;
        }
        // Controls keep their element by ImGui id (focus stays on it across frames); text has
        // no id and is kept by its place among the texts.
        var id = role === 'x' ? 'x' + (texts++) : f[0];
        if (seen[id]) continue;  // one element per id
        seen[id] = true;
        var el = this.byId[id];
        if (!el || el.dataset.role !== role) {
          if (el && el.parentNode) el.parentNode.removeChild(el);
          el = this.make(role);
          el.dataset.id = id;
          this.byId[id] = el;
        }
        var name = f[7];
        if (role === 'b' || role === 'p' || role === 'x') {
          if (el.textContent !== name) el.textContent = name;
        } else {
          if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
          // A text field's content is its value, as a screen reader reads a textbox.
          var value = role === 't' ? (f[8] || '') : '';
          if (el.textContent !== value) el.textContent = value;
        }
        if (role === 'b') {
          if (state === '1') el.setAttribute('aria-current', 'page');
          else el.removeAttribute('aria-current');
        }
        if (role === 'p') el.setAttribute('aria-pressed', state === '1' ? 'true' : 'false');
        if (role === 'c') el.setAttribute('aria-checked', state === '1' ? 'true' : 'false');
        if (role === 't') el.setAttribute('aria-multiline', 'false');
        el.dataset.hidden = hidden;
        el.dataset.x = f[3]; el.dataset.y = f[4]; el.dataset.w = f[5]; el.dataset.h = f[6];
        var style = 'left:' + f[3] + 'px;top:' + f[4] + 'px;width:' + f[5] + 'px;height:' + f[6] + 'px';
        if (el.getAttribute('style') !== style) el.setAttribute('style', style);
        order.push(el);
      }
      for (var key in this.byId) {
        if (seen[key]) continue;
        var gone = this.byId[key];
        if (gone.parentNode) gone.parentNode.removeChild(gone);
        delete this.byId[key];
      }
      // The document's order is the reading order (and the Tab order): move only what is out of place.
      for (var k = 0; k < order.length; k++) {
        if (root.children[k] !== order[k]) root.insertBefore(order[k], root.children[k] || null);
      }
      var change = this.setDialog(dialog, focused);
      if (change && change.opened && change.hadFocus) {
        for (var c = 0; c < order.length; c++) {
          if (order[c].dataset.role !== 'x') { order[c].focus(); break; }
        }
      } else if (change && change.closed && this.opener) {
        // Its element was taken out while the dialog was open and made anew since: found by id.
        var opener = this.byId[this.opener];
        if (opener && !root.contains(document.activeElement)) opener.focus();
        this.opener = null;
      }
      if (this.pending && this.byId[this.pending] && this.byId[this.pending].dataset.hidden === '0') {
        var waiting = this.byId[this.pending];
        this.pending = null;
        this.press(waiting);
      }
    }
  },

  lx_semantics_init__deps: ['$lxSemantics'],
  lx_semantics_init: function () {
    var tree = lxSemantics;
    var style = document.createElement('style');
    // Transparent and inert to pointers: what is seen is the canvas; only the focus ring shows.
    style.textContent =
      '#lx-semantics{position:fixed;left:0;top:0;right:0;bottom:0;pointer-events:none;z-index:1;overflow:clip}' +
      '#lx-semantics>*{position:absolute;margin:0;padding:0;border:0;background:transparent;color:transparent;' +
      'font-size:12px;line-height:1;overflow:hidden;white-space:nowrap;box-sizing:border-box}' +
      '#lx-semantics>:focus{outline:none}' +
      '#lx-semantics>:focus-visible{outline:3px solid #1a56db;outline-offset:1px;box-shadow:0 0 0 5px #fff}';
    document.head.appendChild(style);
    var root = document.createElement('div');
    root.id = 'lx-semantics';
    var canvas = Module.canvas;
    canvas.parentNode.insertBefore(root, canvas.nextSibling);
    tree.root = root;
    root.addEventListener('click', function (event) {
      var el = event.target;
      if (!el || !el.dataset || !el.dataset.id || el.dataset.role === 'x') return;
      event.preventDefault();
      tree.activate(el);
    });
    root.addEventListener('keydown', function (event) {
      var el = event.target;
      if (!el || !el.dataset || (el.dataset.role !== 'c' && el.dataset.role !== 't')) return;
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      tree.activate(el);
    });
    // An item out of view scrolls into it when it takes focus (Tab, a screen reader's cursor).
    root.addEventListener('focusin', function (event) {
      var el = event.target;
      if (el && el.dataset && el.dataset.hidden === '1') tree.show(el);
    });
    // The text agent stands for the field being edited: while it has focus it carries the
    // field's name and is not hidden from assistive technology.
    var agent = document.getElementById('lx-text-agent');
    if (agent) {
      agent.addEventListener('focus', function () {
        if (tree.agentLabel) agent.setAttribute('aria-label', tree.agentLabel);
        agent.removeAttribute('aria-hidden');
      });
      agent.addEventListener('blur', function () {
        agent.setAttribute('aria-hidden', 'true');
        tree.agentLabel = '';
      });
    }
  },

  lx_semantics_update__deps: ['$lxSemantics'],
  lx_semantics_update: function (tree) {
    lxSemantics.update(UTF8ToString(tree));
  }
});
