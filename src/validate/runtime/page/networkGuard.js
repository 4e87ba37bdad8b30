// @ts-check
// ---- network attempts (Node refuses them; this side adds the game's line) ----------------------
function isNetworkUrl(url) {
  var text = String(url);
  if (/^(data|blob|about|javascript):/i.test(text)) return false;
  try {
    var parsed = new URL(text, location.href);
    if (parsed.origin === location.origin && GAME_PATHS.indexOf(parsed.pathname) >= 0) return false;
    return true;
  } catch (e) {
    return false;
  }
}
function recordNetwork(api, url) {
  if (!isNetworkUrl(url) || state.network.length >= 50) return;
  var absolute;
  try { absolute = new URL(String(url), location.href).href; } catch (e) { absolute = String(url); }
  var at = here();
  state.network.push({ api: api, url: absolute, line: at ? at.line : null, column: at ? at.column : null });
}
function trackPending(promise) {
  state.pending++;
  var done = function () { state.pending--; };
  promise.then(done, done);
  return promise;
}
if (real.fetch) {
  window.fetch = function fetch(input, init) {
    recordNetwork('fetch', input && /** @type {any} */ (input).url ? /** @type {any} */ (input).url : input);
    return trackPending(/** @type {typeof fetch} */ (real.fetch)(input, init));
  };
}
var xhrOpen = XMLHttpRequest.prototype.open;
var xhrSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url) {
  recordNetwork('XMLHttpRequest', url);
  return xhrOpen.apply(this, /** @type {any} */ (arguments));
};
XMLHttpRequest.prototype.send = function () {
  var xhr = this;
  state.pending++;
  real.addEventListener.call(xhr, 'loadend', function () { state.pending--; }, { once: true });
  try { return xhrSend.apply(this, /** @type {any} */ (arguments)); } catch (e) { state.pending--; throw e; }
};
/**
 * @param {string} name
 * @param {string} api
 */
function wrapConstructor(name, api) {
  var Original = window[name];
  if (!Original) return;
  /** @param {unknown} url */
  var Wrapped = function (url) {
    recordNetwork(api, url);
    return Reflect.construct(Original, arguments, new.target || Wrapped);
  };
  Wrapped.prototype = Original.prototype;
  Object.setPrototypeOf(Wrapped, Original);
  window[name] = Wrapped;
}
wrapConstructor('WebSocket', 'WebSocket');
wrapConstructor('EventSource', 'EventSource');
wrapConstructor('Worker', 'Worker');
wrapConstructor('SharedWorker', 'SharedWorker');
['RTCPeerConnection', 'webkitRTCPeerConnection'].forEach(function (name) {
  if (!window[name]) return;
  window[name] = function () {
    recordNetwork('RTCPeerConnection', 'stun:peer-connection');
    throw new DOMException('network access is disabled in the validator', 'NotSupportedError');
  };
});
if (navigator.sendBeacon) {
  navigator.sendBeacon = function (url) { recordNetwork('sendBeacon', url); return false; };
}
window.open = function (url) { if (url) recordNetwork('window.open', url); return null; };
/**
 * @param {{ prototype: object }} Class
 * @param {string} property
 * @param {string} api
 * @param {boolean} tracksLoad
 */
function wrapUrlProperty(Class, property, api, tracksLoad) {
  var descriptor = Object.getOwnPropertyDescriptor(Class.prototype, property);
  if (!descriptor || !descriptor.set) return;
  var setter = descriptor.set;
  Object.defineProperty(Class.prototype, property, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get: descriptor.get,
    set: function (value) {
      recordNetwork(api, value);
      if (tracksLoad && value) {
        var element = this;
        state.pending++;
        var settle = function () {
          real.removeEventListener.call(element, 'load', settle);
          real.removeEventListener.call(element, 'error', settle);
          state.pending--;
        };
        real.addEventListener.call(element, 'load', settle);
        real.addEventListener.call(element, 'error', settle);
      }
      setter.call(this, value);
    },
  });
}
wrapUrlProperty(HTMLImageElement, 'src', 'Image', true);
wrapUrlProperty(HTMLScriptElement, 'src', 'script', false);
wrapUrlProperty(HTMLMediaElement, 'src', 'Audio', false);
wrapUrlProperty(HTMLLinkElement, 'href', 'link', false);
wrapUrlProperty(HTMLIFrameElement, 'src', 'iframe', false);
var setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  var lower = String(name).toLowerCase();
  if ((lower === 'src' || lower === 'href') && !(this instanceof HTMLAnchorElement)) recordNetwork(this.tagName.toLowerCase(), value);
  return setAttribute.apply(this, /** @type {any} */ (arguments));
};
if (window.BaseAudioContext) {
  var decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = function () { return trackPending(decode.apply(this, /** @type {any} */ (arguments))); };
}
if (window.createImageBitmap) {
  var createBitmap = window.createImageBitmap;
  window.createImageBitmap = function () { return trackPending(createBitmap.apply(window, /** @type {any} */ (arguments))); };
}
