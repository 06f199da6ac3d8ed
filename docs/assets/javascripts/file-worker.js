/*
 * file-worker.js: a stand-in for `Worker` when the site is opened from disk.
 *
 * Why this exists: Material for MkDocs runs search in a Web Worker. A page
 * opened as file:// has an opaque ("null") origin, so Chromium refuses
 * `new Worker("file:///…/search.js")` with a SecurityError, and Material then
 * hides the search box. Material's offline plugin would fix that with a
 * script from a CDN, but this site must work with no network at all, so it
 * ships this file instead (listed under `extra.polyfills` in mkdocs.yml, which
 * Material puts in <head>, before its own bundle creates the worker).
 *
 * How: every "worker" gets a hidden, script-only <iframe> without a src. Such
 * an iframe holds an about:blank document with the page's own origin, so
 * loading a file:// script into it is allowed, and it gives the script a
 * global scope of its own, as a real worker would have. The two sides talk
 * through the usual worker API: `postMessage`, "message" listeners and
 * `onmessage`, in both directions.
 *
 * What a real worker has that this does not: a separate thread (a long
 * computation still blocks the page), a synchronous `importScripts` (here it
 * returns a promise; Material's search worker awaits it), and worker-only
 * globals such as `WorkerGlobalScope` or a `location` naming the script.
 *
 * Over http(s) nothing is changed: the browser's own Worker is better there.
 */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  var NativeWorker = window.Worker;

  /*
   * A real worker receives messages as separate tasks, never in the middle of
   * the sender's code. Posting to a MessageChannel port is the cheapest way to
   * queue such a task (setTimeout would add a 4 ms clamp on nested calls).
   * One tick per callback keeps order and isolates a failing callback.
   */
  var pending = [];
  var ticker = new MessageChannel();
  ticker.port1.onmessage = function () {
    var callback = pending.shift();
    if (callback) callback();
  };
  function later(callback) {
    pending.push(callback);
    ticker.port2.postMessage(null);
  }

  // Worker.postMessage accepts (message, [transferables]) or
  // (message, {transfer}); structuredClone only takes the second form.
  function cloneOptions(transfer) {
    if (Array.isArray(transfer)) return { transfer: transfer };
    return transfer || undefined;
  }

  // Per-instance state lives here rather than on the object, so the public
  // surface stays that of a Worker.
  var internals = new WeakMap();

  /*
   * Event handler properties (onmessage, onerror, onmessageerror). A real
   * Worker implements these as "event handler attributes"; a listener that
   * calls whatever function is currently assigned comes close enough.
   */
  var HANDLED = ["message", "error", "messageerror"];

  class FileWorker extends EventTarget {
    constructor(scriptURL, options) {
      super();

      // Resolved against the page, as the Worker constructor does; the
      // worker's own relative URLs (importScripts) are later resolved against
      // this script URL, as they would be inside a real worker.
      var url = new URL(String(scriptURL), document.baseURI);

      // blob: and data: workers are allowed on file:// pages, and a real
      // thread beats an iframe, so keep those native. A class constructor
      // may return another object; `new Worker(...)` then yields that one.
      if (NativeWorker && (url.protocol === "blob:" || url.protocol === "data:")) {
        return new NativeWorker(scriptURL, options);
      }

      var self = this;
      var state = {
        closed: false,      // no more messages in either direction
        terminated: false,  // also drop replies already on their way
        ready: false,
        inbox: [],          // messages posted before the script has run
        handlers: {},       // current onmessage/onerror/onmessageerror
        frame: null,
        scope: null
      };
      internals.set(this, state);

      HANDLED.forEach(function (type) {
        self.addEventListener(type, function (event) {
          var handler = state.handlers[type];
          if (typeof handler === "function" && handler.call(self, event) === false) {
            event.preventDefault();
          }
        });
      });

      /*
       * The iframe is plumbing, not content: `hidden` (display: none) takes
       * it out of layout and of the accessibility tree, and aria-hidden and
       * tabindex=-1 make sure no assistive technology or Tab key reaches it
       * even if a style sheet overrides `hidden`. Scripts in a display:none
       * iframe still run normally.
       */
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      // A title, because accessibility checkers that ignore `hidden` flag
      // untitled frames; the data attribute says which worker runs here.
      frame.title = "Background worker";
      frame.setAttribute("data-file-worker", url.href);
      // No src: the initial about:blank document exists as soon as the
      // iframe is attached, shares our origin, and needs no navigation.
      (document.body || document.documentElement).appendChild(frame);

      var scope = frame.contentWindow;
      var doc = frame.contentDocument;
      state.frame = frame;
      state.scope = scope;

      /*
       * Set up the worker's global scope before its script runs. The worker
       * calls bare `postMessage(data)`, which finds this own property before
       * Window.prototype.postMessage (that one would post the message back
       * into the iframe itself, and the worker would answer its own replies).
       */
      scope.postMessage = function (message, transfer) {
        if (state.closed) return;
        // Cloned now, as a real worker does, so later changes by the worker
        // are not seen; cloning in our realm gives the page plain objects
        // of its own. Clone errors are thrown to the caller, as in a worker.
        var data = structuredClone(message, cloneOptions(transfer));
        later(function () {
          // Replies sent just before close() still arrive, as they would
          // from a real worker; terminate() drops them.
          if (state.terminated) return;
          self.dispatchEvent(new MessageEvent("message", { data: data }));
        });
      };

      // Inside a worker, close() ends the worker; inside an iframe it would
      // try to close a window. Stop delivery now, tear down after the
      // current task, as a real worker finishes the task it is running.
      scope.close = function () {
        stop(state);
        setTimeout(function () { removeFrame(state); }, 0);
      };

      /*
       * importScripts: a real worker loads the scripts synchronously, which an
       * iframe cannot do. Loading them one after another (order matters, each
       * may depend on the previous) and returning a promise is enough for
       * Material, whose search worker `await`s the call; it only calls it for
       * languages other than English (lunr stemmers under ../lunr/).
       */
      scope.importScripts = function () {
        var urls = Array.prototype.map.call(arguments, function (each) {
          return new URL(String(each), url).href;
        });
        return urls.reduce(function (previous, src) {
          return previous.then(function () {
            return new Promise(function (resolve, reject) {
              var script = doc.createElement("script");
              script.src = src;
              script.onload = function () { resolve(); };
              script.onerror = function () {
                reject(new scope.DOMException(
                  "Failed to load script " + src, "NetworkError"));
              };
              doc.head.appendChild(script);
            });
          });
        }, Promise.resolve());
      };

      if (options && typeof options.name === "string") scope.name = options.name;

      /*
       * An uncaught exception inside the worker is reported to the Worker
       * object as an ErrorEvent. Here it surfaces as an "error" event on the
       * iframe's window; pass it on, and if the page's handler cancels it,
       * cancel the original too so the browser does not also log it.
       */
      scope.addEventListener("error", function (inner) {
        if (state.closed) return;
        var outer = new ErrorEvent("error", {
          message: inner.message,
          filename: inner.filename,
          lineno: inner.lineno,
          colno: inner.colno,
          error: inner.error,
          cancelable: true
        });
        if (!self.dispatchEvent(outer)) inner.preventDefault();
      });
      // Note: the browser counts a file:// script as cross-origin, so such
      // errors arrive "muted": message "Script error." and no file or line.
      // The full error still shows in the console unless a handler cancels.

      // Now the script itself. `onload` fires after it has run, i.e. once its
      // message listeners exist, which is when queued messages may go in.
      // `{type: "module"}` is passed on, but Chromium loads module scripts
      // with CORS, which file:// cannot pass, so such a worker gets "error".
      var script = doc.createElement("script");
      if (options && options.type === "module") script.type = "module";
      script.src = url.href;
      script.onload = function () {
        if (state.closed) return;
        state.ready = true;
        var queued = state.inbox.splice(0);
        queued.forEach(function (data) { deliver(state, data); });
      };
      // A worker whose script cannot be fetched fires a plain "error" Event.
      script.onerror = function () {
        if (state.closed) return;
        self.dispatchEvent(new Event("error", { cancelable: true }));
      };
      doc.head.appendChild(script);
    }

    // Workers handed to the native constructor (blob:, data:) should still
    // pass `instanceof Worker`.
    static [Symbol.hasInstance](value) {
      return (NativeWorker !== undefined && value instanceof NativeWorker) ||
        internals.has(value);
    }

    postMessage(message, transfer) {
      var state = internals.get(this);
      if (state.closed) return;
      // Clone into the iframe's realm (its structuredClone builds the copy
      // there), so the worker sees its own Arrays and Objects, as it would
      // with a real worker, and a snapshot taken at posting time.
      var data = state.scope.structuredClone(message, cloneOptions(transfer));
      if (state.ready) {
        deliver(state, data);
      } else {
        // The script is still loading; a real worker buffers these too.
        state.inbox.push(data);
      }
    }

    terminate() {
      var state = internals.get(this);
      stop(state);
      state.terminated = true;
      // Detaching the iframe discards its global scope: pending timers,
      // listeners and half-loaded scripts go with it.
      removeFrame(state);
    }
  }

  HANDLED.forEach(function (type) {
    Object.defineProperty(FileWorker.prototype, "on" + type, {
      configurable: true,
      enumerable: true,
      get: function () { return internals.get(this).handlers[type] || null; },
      set: function (value) {
        internals.get(this).handlers[type] =
          typeof value === "function" ? value : null;
      }
    });
  });

  function deliver(state, data) {
    later(function () {
      if (state.closed) return;
      var scope = state.scope;
      // Built with the iframe's own MessageEvent so that `onmessage` and
      // "message" listeners there get an ordinary event of their realm.
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    });
  }

  function stop(state) {
    state.closed = true;
    state.inbox.length = 0;
  }

  function removeFrame(state) {
    if (state.frame && state.frame.parentNode) {
      state.frame.parentNode.removeChild(state.frame);
    }
    state.frame = null;
  }

  window.Worker = FileWorker;
})();
