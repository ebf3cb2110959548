// 政策工具 tab: the 创新券 growth list and the 快速预审 scope check. Uses app.js's el, api, status.
'use strict';

(() => {
  const STATUS_ZH = { in_scope: '属于', partly: '可能部分属于（须看大组）', out_of_scope: '不属于' };

  async function growth(event) {
    event.preventDefault();
    const query = new URLSearchParams({ region: $('growth-region').value.trim(), year: $('growth-year').value, threshold: $('growth-threshold').value });
    try {
      const list = await api(`/api/v1/vouchers/growth?${query}`, { headers: {} });
      $('growth-rule').textContent = `${list.rule} 计入授权 ${list.grantsCounted} 件；无授权年份未计入 ${list.grantsWithoutDate} 件。`;
      const rows = list.qualified.map((e) => el('tr', {}, el('td', { text: e.applicant }), el('td', { text: String(e.previousYear) }), el('td', { text: String(e.year) }), el('td', { text: `+${e.growth}` })));
      $('growth-table').querySelector('tbody').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: '4', text: '没有符合条件的企业。' }))]));
      $('growth-table').hidden = false;
      $('growth-xlsx').href = `/api/v1/vouchers/growth?${query}&format=xlsx`;
      $('growth-xlsx').hidden = false;
    } catch (e) {
      status(`生成名单失败：${e.message}`);
    }
  }

  async function scope(event) {
    event.preventDefault();
    try {
      const answer = await api('/api/v1/pre-examination', { method: 'POST', body: JSON.stringify({ title: $('scope-title').value, abstract: $('scope-abstract').value || null, claims: $('scope-claims').value || null }) });
      $('scope-ipc').textContent = `建议 IPC：${answer.suggestedIpc.map((s) => `${s.subclass}（${s.confidence.toFixed(2)}）`).join('，') || '无'}`;
      $('scope-fields').replaceChildren(...answer.fields.map((f) => el('li', { class: `scope-${f.status}` },
        el('strong', { text: `${f.field}：${STATUS_ZH[f.status] || f.status}` }),
        f.matches.length ? el('ul', {}, f.matches.map((m) => el('li', { text: `${m.nodeName}（${m.chain}）：${m.evidence}` }))) : null)));
      $('scope-notice').textContent = answer.notice;
      $('scope-notice').hidden = false;
    } catch (e) {
      status(`判断失败：${e.message}`);
    }
  }

  $('growth-form').addEventListener('submit', growth);
  $('scope-form').addEventListener('submit', scope);
  window.PatentNavTools = { growth, scope };
})();
