// @ts-check
// ---- network attempts (Node refuses them; this side adds the game's line) ----------------------
var LOCAL_SCHEME = /^(data|blob|about|javascript):/i;
/** @param {string} url */
function isNetworkUrl(url) {
  if (RegExpExec(LOCAL_SCHEME, url)) return false;
  try {
    var parsed = new SafeURL(url, pageHref);
    if (URLOrigin(parsed) === pageOrigin && (URLPathname(parsed) === GAME_PATHS[0] || URLPathname(parsed) === GAME_PATHS[1])) return false;
    return true;
  } catch (e) {
    return false;
  }
}
/** An attempt to leave the page whatever the address (downloads, new windows, workers that outlive it). @param {string} api @param {unknown} url */
function recordAttempt(api, url) {
  if (state.network.length >= MAX_RECORDS) return;
  var at = here();
  append(state.network, { __proto__: null, api: api, url: StringSlice(text(url), 0, MAX_MESSAGE), line: at ? at.line : null, column: at ? at.column : null });
}
/** @param {string} api @param {unknown} url */
function recordNetwork(api, url) {
  var address = text(url);
  if (!isNetworkUrl(address) || state.network.length >= MAX_RECORDS) return;
  var absolute;
  try { absolute = URLHref(new SafeURL(address, pageHref)); } catch (e) { absolute = address; }
  var at = here();
  append(state.network, /** @type {any} */ ({ __proto__: null, api: api, url: StringSlice(absolute, 0, MAX_MESSAGE), line: at ? at.line : null, column: at ? at.column : null }));
}
/** @template T @param {Promise<T>} promise */
function trackPending(promise) {
  state.pending++;
  var done = function () { state.pending--; };
  PromiseThen(promise, done, done);
  return promise;
}
if (real.fetch) {
  window.fetch = function fetch(input, init) {
    recordNetwork('fetch', input instanceof Request ? RequestUrl(input) : input);
    return trackPending(/** @type {typeof fetch} */ (real.fetch)(input, init));
  };
}
var RequestUrl = getter(Request.prototype, 'url');
var xhrOpen = XMLHttpRequest.prototype.open;
var xhrSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url) {
  recordNetwork('XMLHttpRequest', url);
  return apply(xhrOpen, this, arguments);
};
XMLHttpRequest.prototype.send = function () {
  var xhr = this;
  state.pending++;
  EventTargetAdd(xhr, 'loadend', function () { state.pending--; }, /** @type {any} */ ({ __proto__: null, once: true }));
  try { return apply(xhrSend, this, arguments); } catch (e) { state.pending--; throw e; }
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
    return construct(Original, arguments, new.target || Wrapped);
  };
  Wrapped.prototype = Original.prototype;
  setPrototypeOf(Wrapped, Original);
  window[name] = Wrapped;
}
wrapConstructor('WebSocket', 'WebSocket');
wrapConstructor('EventSource', 'EventSource');
wrapConstructor('WebTransport', 'WebTransport');
// Workers: counted (a fork bomb is a resource_limit), and one doing network is refused by Node
/** Workers a game may start. */
var MAX_WORKERS = 8;
var workersStarted = 0;
var OriginalWorker = window.Worker;
if (OriginalWorker) {
  var WrappedWorker = function (/** @type {unknown} */ url) {
    recordNetwork('Worker', url);
    if (++workersStarted > MAX_WORKERS) {
      recordLimit('workers', 'more than ' + MAX_WORKERS + ' Workers');
      throw new SafeDOMException('too many Workers (the validator allows ' + MAX_WORKERS + ')', 'QuotaExceededError');
    }
    return construct(OriginalWorker, arguments, new.target || WrappedWorker);
  };
  WrappedWorker.prototype = OriginalWorker.prototype;
  setPrototypeOf(WrappedWorker, OriginalWorker);
  window.Worker = /** @type {any} */ (WrappedWorker);
}
// what outlives the page or leaves it is an attempt whatever its address (blob: and data: too)
// APIs this (insecure-origin) page does not have are attempts as soon as the game's code reaches
// for them (the browser itself reads some: only a read from the game's own lines counts)
function reachFor(/** @type {any} */ owner, /** @type {string} */ name, /** @type {string} */ api) {
  if (name in owner) return false;
  defineProperty(owner, name, /** @type {any} */ ({ __proto__: null, configurable: true, get: function () { if (here()) recordAttempt(api, api + ':'); return undefined; } }));
  return true;
}
reachFor(Navigator.prototype, 'serviceWorker', 'serviceWorker');
reachFor(window, 'WebTransport', 'WebTransport');
if (window.SharedWorker) {
  window.SharedWorker = /** @type {any} */ (function (/** @type {unknown} */ url) {
    recordAttempt('SharedWorker', url);
    throw new SafeDOMException('shared workers are disabled in the validator', 'SecurityError');
  });
}
if (navigator.serviceWorker) {
  var ServiceWorkerContainerClass = /** @type {any} */ (window).ServiceWorkerContainer;
  ServiceWorkerContainerClass.prototype.register = function (/** @type {unknown} */ url) {
    recordAttempt('serviceWorker.register', url);
    return SafePromise.reject(new SafeDOMException('service workers are disabled in the validator', 'SecurityError'));
  };
}
for (var rtcName of ['RTCPeerConnection', 'webkitRTCPeerConnection']) {
  if (!window[rtcName]) continue;
  window[rtcName] = function () {
    recordNetwork('RTCPeerConnection', 'stun:peer-connection');
    throw new SafeDOMException('network access is disabled in the validator', 'NotSupportedError');
  };
}
if (navigator.sendBeacon) {
  navigator.sendBeacon = function (url) { recordNetwork('sendBeacon', url); return false; };
}
window.open = function (url) { recordAttempt('window.open', url || 'about:blank'); return null; };
// a download (an <a download> or a blob link clicked, even detached) leaves the page
var AnchorDownload = getter(HTMLAnchorElement.prototype, 'download');
var AnchorHref = getter(HTMLAnchorElement.prototype, 'href');
var AnchorTarget = getter(HTMLAnchorElement.prototype, 'target');
var anchorClick = HTMLElement.prototype.click;
/** @param {unknown} element */
function checkAnchor(element) {
  if (!(element instanceof HTMLAnchorElement)) return;
  var target = AnchorTarget(element);
  if (AnchorDownload(element)) recordAttempt('download', AnchorHref(element));
  else if (target && target !== '_self') recordAttempt('new window', AnchorHref(element));
}
HTMLElement.prototype.click = function () {
  checkAnchor(this);
  return apply(anchorClick, this, arguments);
};
EventTargetAdd(window, 'click', function (/** @type {Event} */ event) { checkAnchor(event.target); }, true);
// prefetch, preconnect, prerender and speculation rules reach out without a request the game
// makes itself; a meta refresh navigates: watched on the whole document, however inserted
var LINK_REL = getter(HTMLLinkElement.prototype, 'rel');
var LINK_HREF = getter(HTMLLinkElement.prototype, 'href');
var SCRIPT_TYPE = getter(HTMLScriptElement.prototype, 'type');
var META_HTTP_EQUIV = getter(HTMLMetaElement.prototype, 'httpEquiv');
var REACHING_REL = /(^|\s)(preconnect|dns-prefetch|prefetch|preload|modulepreload|prerender|next)(\s|$)/i;
var SafeHTMLLinkElement = HTMLLinkElement;
var SafeHTMLScriptElement = HTMLScriptElement;
var SafeHTMLMetaElement = HTMLMetaElement;
var SafeHTMLIFrameElement = HTMLIFrameElement;
var DOCUMENT_NODE_LIMIT = 20000;
var ElementQueryAll = uncurry(Element.prototype.getElementsByTagName);
var addedNodes = 0;
/** @param {Node} node */
function checkNode(node) {
  if (node instanceof SafeHTMLLinkElement) {
    if (RegExpExec(REACHING_REL, LINK_REL(node) || '')) recordAttempt('link rel=' + StringToLowerCase(LINK_REL(node)), LINK_HREF(node) || 'about:blank');
  } else if (node instanceof SafeHTMLScriptElement) {
    if (StringToLowerCase(SCRIPT_TYPE(node) || '') === 'speculationrules') recordAttempt('speculation rules', 'speculationrules:');
  } else if (node instanceof SafeHTMLMetaElement) {
    if (StringToLowerCase(META_HTTP_EQUIV(node) || '') === 'refresh') recordAttempt('meta refresh', 'refresh:');
  }
}
var NodeListLength = getter(NodeList.prototype, 'length');
var MutationRecordAdded = getter(MutationRecord.prototype, 'addedNodes');
var observer = new MutationObserver(function (records) {
  try { checkMutations(records); } catch (error) { /* the harness's own check must never look like the game's error */ }
});
/** @param {MutationRecord[]} records */
function checkMutations(records) {
  for (var r = 0; r < records.length; r++) {
    var added = MutationRecordAdded(records[r]);
    var count = NodeListLength(added);
    addedNodes += count;
    for (var a = 0; a < count; a++) {
      var node = added[a];
      checkNode(node);
      // whatever came with it (an innerHTML of several elements)
      if (node instanceof Element) {
        var inner = ElementQueryAll(node, '*');
        for (var i = 0; i < inner.length && i < 1000; i++) checkNode(inner[i]);
      }
    }
  }
  if (addedNodes > DOCUMENT_NODE_LIMIT && HTMLCollectionSize(ElementQueryAll(document.documentElement, '*')) > DOCUMENT_NODE_LIMIT) {
    recordLimit('dom', 'more than ' + DOCUMENT_NODE_LIMIT + ' DOM elements');
  }
}
var HTMLCollectionSize = getter(HTMLCollection.prototype, 'length');
observer.observe(document, { childList: true, subtree: true });
/**
 * @param {{ prototype: object }} Class
 * @param {string} property
 * @param {string} api
 * @param {boolean} tracksLoad
 */
function wrapUrlProperty(Class, property, api, tracksLoad) {
  var descriptor = getOwnPropertyDescriptor(Class.prototype, property);
  if (!descriptor || !descriptor.set) return;
  var set = uncurry(descriptor.set);
  defineProperty(Class.prototype, property, /** @type {any} */ ({
    __proto__: null,
    configurable: true,
    enumerable: descriptor.enumerable,
    get: descriptor.get,
    set: function (value) {
      recordNetwork(api, value);
      if (tracksLoad && value) {
        var element = this;
        state.pending++;
        var settle = function () {
          EventTargetRemove(element, 'load', settle);
          EventTargetRemove(element, 'error', settle);
          state.pending--;
        };
        EventTargetAdd(element, 'load', settle);
        EventTargetAdd(element, 'error', settle);
      }
      set(this, value);
    },
  }));
}
wrapUrlProperty(HTMLImageElement, 'src', 'Image', true);
wrapUrlProperty(HTMLScriptElement, 'src', 'script', false);
wrapUrlProperty(HTMLMediaElement, 'src', 'Audio', false);
wrapUrlProperty(HTMLLinkElement, 'href', 'link', false);
wrapUrlProperty(HTMLIFrameElement, 'src', 'iframe', false);
var setAttribute = Element.prototype.setAttribute;
var SafeAnchor = HTMLAnchorElement;
Element.prototype.setAttribute = function (name, value) {
  var lower = StringToLowerCase(text(name));
  if ((lower === 'src' || lower === 'href') && !(this instanceof SafeAnchor)) recordNetwork(StringToLowerCase(ElementTagName(this)), value);
  return apply(setAttribute, this, arguments);
};
if (window.BaseAudioContext) {
  var decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = function () { return trackPending(apply(decode, this, arguments)); };
}
if (window.createImageBitmap) {
  var createBitmap = window.createImageBitmap;
  window.createImageBitmap = function () { return trackPending(apply(createBitmap, window, arguments)); };
}
