// The script the emulator serves as WeChat's in-app JS bridge (GET /sandbox/wechat/jsbridge.js).
// Like the real one it exists only under a MicroMessenger user agent; it fires WeixinJSBridgeReady,
// and getBrandWCPayRequest asks the emulator to check paySign, shows a pay sheet in the page,
// pays on 确认支付, and calls back with err_msg ok / cancel / fail. ES5, no dependencies.
export const JSBRIDGE_SCRIPT = String.raw`(function () {
  if (window.WeixinJSBridge || !/MicroMessenger/i.test(navigator.userAgent)) return;
  var self = document.currentScript;
  var base = (self && self.src ? new URL(self.src, location.href).origin : location.origin) + "/sandbox/wechat/jsbridge";
  function post(action, params) {
    // text/plain keeps it a simple request (no CORS preflight) when the page is on another origin.
    return fetch(base, { method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ action: action, params: params }) })
      .then(function (r) { return r.json(); });
  }
  function el(tag, css, text) {
    var node = document.createElement(tag);
    if (css) node.style.cssText = css;
    if (text) node.textContent = text;
    return node;
  }
  function sheet(info, done) {
    var overlay = el("div", "position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:2147483647;display:flex;align-items:flex-end;font-family:-apple-system,'PingFang SC',sans-serif");
    overlay.setAttribute("data-testid", "wx-pay-sheet");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-label", "微信支付");
    var box = el("div", "background:#fff;width:100%;border-radius:12px 12px 0 0;padding:20px 20px 28px;box-sizing:border-box;text-align:center;color:#111");
    box.appendChild(el("div", "font-size:13px;color:#888", "微信支付（模拟器）· 不产生真实扣款"));
    box.appendChild(el("div", "font-size:15px;margin-top:12px", info.merchantName));
    box.appendChild(el("div", "font-size:14px;color:#555;margin-top:4px", info.description));
    var amount = el("div", "font-size:34px;font-weight:600;margin:16px 0", info.amountText);
    amount.setAttribute("data-testid", "wx-pay-amount");
    box.appendChild(amount);
    var pay = el("button", "display:block;width:100%;padding:12px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px", "确认支付");
    var cancel = el("button", "display:block;width:100%;padding:12px;border:0;border-radius:8px;background:#f2f2f2;color:#111;font-size:17px;margin-top:10px", "取消");
    pay.type = cancel.type = "button";
    box.appendChild(pay);
    box.appendChild(cancel);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    function finish(confirmed) {
      pay.disabled = cancel.disabled = true;
      if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
      done(confirmed);
    }
    pay.addEventListener("click", function () { finish(true); });
    cancel.addEventListener("click", function () { finish(false); });
  }
  function fail(cb, desc) { cb({ err_msg: "get_brand_wcpay_request:fail", err_desc: desc }); }
  window.WeixinJSBridge = {
    invoke: function (name, params, cb) {
      cb = typeof cb === "function" ? cb : function () {};
      if (name !== "getBrandWCPayRequest") {
        setTimeout(function () { cb({ err_msg: name + ":fail", err_desc: "模拟器只实现了 getBrandWCPayRequest" }); }, 0);
        return;
      }
      post("check", params).then(function (check) {
        if (!check.ok) return fail(cb, check.errDesc);
        sheet(check, function (confirmed) {
          if (!confirmed) return cb({ err_msg: "get_brand_wcpay_request:cancel" });
          post("pay", params).then(function (result) {
            if (result.ok) cb({ err_msg: "get_brand_wcpay_request:ok" });
            else fail(cb, result.errDesc);
          }, function () { fail(cb, "网络错误"); });
        });
      }, function () { fail(cb, "网络错误"); });
    },
    on: function () {},
    call: function () {}
  };
  function ready() {
    var event;
    try { event = new Event("WeixinJSBridgeReady"); } catch (e) { event = document.createEvent("Event"); event.initEvent("WeixinJSBridgeReady", true, true); }
    document.dispatchEvent(event);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else setTimeout(ready, 0);
})();
`;
