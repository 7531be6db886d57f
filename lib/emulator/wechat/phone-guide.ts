// GET /sandbox/wechat/phone: how a person on a desktop walks the in-WeChat flow against the
// emulator (a MicroMessenger user agent, or the phone frame below).
import { escapeHtml, htmlPage } from "./html";

export const WECHAT_UA_EXAMPLE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN";

export function handlePhoneGuide(req: Request): Response {
  const origin = new URL(req.url).origin;
  const form = `${origin}/f/demo`;
  return htmlPage(
    "在电脑上体验微信内支付（模拟器）",
    `<h1>在电脑上体验微信内支付（模拟器）</h1>
<p>在微信里打开表单时，页面会静默获取付款人的 openid（网页授权），然后用微信的支付弹窗（JSAPI）付款。模拟器扮演微信：授权页、JS 桥和支付弹窗都由它提供，不产生真实扣款。</p>
<h2 style="font-size:16px">方法一：把浏览器伪装成微信</h2>
<ol>
<li>在 Chrome 按 F12 打开开发者工具，点「切换设备工具栏」（Ctrl+Shift+M），选一款 iPhone。</li>
<li>在「网络状况」（Network conditions）里取消「使用浏览器默认值」，把用户代理改为：<br><code data-testid="wechat-ua">${escapeHtml(WECHAT_UA_EXAMPLE)}</code></li>
<li>保持开发者工具打开，访问 <a href="${escapeHtml(form)}">${escapeHtml(form)}</a>，填写后选择「微信支付」：会先经过模拟的授权页，再弹出支付弹窗，点「确认支付」。</li>
</ol>
<p class="muted">命令行也可以：<code>chromium --user-agent="…MicroMessenger/8.0.49…" ${escapeHtml(form)}</code></p>
<h2 style="font-size:16px">方法二：手机框架</h2>
<p class="muted">下面的框架只改变尺寸，不改变用户代理：它适合看手机浏览器（H5 支付）的样子；微信内的流程请用方法一。</p>
<iframe title="手机框架" src="${escapeHtml(form)}" style="width:390px;height:760px;border:12px solid #222;border-radius:36px;display:block;margin:16px auto"></iframe>
<h2 style="font-size:16px">其他</h2>
<ul><li>快照页模式（付款人需点「使用完整服务」）：<code>POST /sandbox/wechat/oauth/control</code>，正文 <code>{"snapshot": true}</code>（可加 <code>"user"</code> 只对一个模拟用户生效）。</li>
<li>扫码支付的「手机」：<a href="/sandbox/wechat/wallet">/sandbox/wechat/wallet</a></li></ul>`,
  );
}
