import type { Persona, SubscribeTemplate } from './api';
import type { Grant, RecordedSend } from './state';

/**
 * The developer's window into the stand-in: test identities with a button that mints a login code, a form that
 * grants subscribe-message permissions (what tapping 允许 does on a phone), and every subscribe message the local
 * stack tried to send, newest first, with the outcome WeChat would have answered.
 */
export interface DevPageModel {
  appId: string;
  personas: readonly Persona[];
  templates: ReadonlyMap<string, SubscribeTemplate>;
  grants: readonly Grant[];
  sends: readonly RecordedSend[];
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function renderDevPage(model: DevPageModel): string {
  const personaName = (openid: string) => model.personas.find((p) => p.openid === openid)?.label;
  const who = (openid: string) => {
    const name = personaName(openid);
    return `${name ? `${escape(name)}<br>` : ''}<code>${escape(openid) || '（空）'}</code>`;
  };
  const templateName = (id: string) => {
    const title = model.templates.get(id)?.title;
    return `${title ? `${escape(title)}<br>` : ''}<code>${escape(id) || '（空）'}</code>`;
  };

  const personaRows = model.personas
    .map(
      (p) => `<tr><td>${escape(p.label)}</td><td><code>${escape(p.openid)}</code></td>
        <td><button type="button" class="mint" data-openid="${escape(p.openid)}">生成登录 code</button> <output></output></td></tr>`,
    )
    .join('');

  const grantRows = model.grants
    .map((g) => `<tr><td>${who(g.openid)}</td><td>${templateName(g.templateId)}</td><td>${g.remaining}</td></tr>`)
    .join('');

  const sendRows = [...model.sends]
    .reverse()
    .map((s) => {
      const labels = model.templates.get(s.templateId)?.keywords ?? {};
      const fields = Object.entries(s.data)
        .map(([k, v]) => `<div><span class="key">${escape(labels[k] ?? k)}</span> ${escape(v)}</div>`)
        .join('');
      const result =
        s.errcode === 0
          ? '<span class="ok">已送达</span>'
          : `<span class="err">未送达 ${s.errcode}</span><br><small>${escape(s.errmsg)}</small>`;
      return `<tr><td><time datetime="${escape(s.at)}">${escape(new Date(s.at).toLocaleString('zh-CN', { hour12: false }))}</time></td><td>${templateName(s.templateId)}</td><td>${who(s.touser)}</td>
        <td>${s.page ? `<code>${escape(s.page)}</code>` : '—'}</td><td>${fields}</td><td>${result}</td></tr>`;
    })
    .join('');

  const openidOptions = model.personas
    .map((p) => `<option value="${escape(p.openid)}">${escape(p.label)}</option>`)
    .join('');

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>邻里 · 微信服务端替身</title>
<style>
  body { font: 14px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
  th, td { border: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }
  th { background: #f5f5f5; }
  .key { color: #666; margin-right: .5rem; }
  .ok { color: #07c160; } .err { color: #d93025; }
  .empty { color: #888; }
  input { padding: .2rem; }
</style>
</head>
<body>
<h1>微信服务端本地替身</h1>
<p>本地环境不会联系真正的微信服务器。登录、订阅消息和内容安全检测都由这里应答，返回码与微信一致。AppID：<code>${escape(model.appId)}</code>。<a href="/">刷新</a></p>

<h2>测试身份</h2>
<table><tr><th>身份</th><th>openid</th><th>登录 code（5 分钟内有效，仅可使用一次）</th></tr>${personaRows}
<tr><td>其他</td><td><input id="other-openid" placeholder="任意 openid"></td>
<td><button type="button" class="mint" data-input="other-openid">生成登录 code</button> <output></output></td></tr></table>

<h2>模拟用户点击“允许”订阅</h2>
<form id="grant">
  <label>接收者 <input name="openid" list="personas" required></label>
  <datalist id="personas">${openidOptions}</datalist>
  <label>模板 ID <input name="templateId" required></label>
  <label>次数 <input name="count" type="number" min="1" value="1" required></label>
  <button>授予</button>
</form>

<h2>剩余订阅次数</h2>
${grantRows ? `<table><tr><th>接收者</th><th>模板</th><th>剩余次数</th></tr>${grantRows}</table>` : '<p class="empty">暂无授权。</p>'}

<h2>订阅消息发送记录（最新在前）</h2>
${
  sendRows
    ? `<table><tr><th>时间</th><th>模板</th><th>接收者</th><th>跳转页面</th><th>内容</th><th>结果</th></tr>${sendRows}</table>`
    : '<p class="empty">还没有发送过订阅消息。</p>'
}

<script>
  const post = (path, body) =>
    fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (r) => { const json = await r.json(); if (!r.ok) throw new Error(json.error); return json; });
  for (const button of document.querySelectorAll('button.mint')) {
    button.addEventListener('click', () => {
      const openid = button.dataset.openid ?? document.getElementById(button.dataset.input).value.trim();
      const output = button.nextElementSibling;
      post('/dev/login-code', { openid }).then((r) => { output.textContent = r.code; }, (e) => { output.textContent = e.message; });
    });
  }
  document.getElementById('grant').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    post('/dev/grants', { openid: form.get('openid'), templateId: form.get('templateId'), count: Number(form.get('count')) })
      .then(() => location.reload(), (e) => alert(e.message));
  });
</script>
</body>
</html>`;
}
