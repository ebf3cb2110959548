// 侵权预判 tab: one claim chart per patent (elements × status × evidence), coloured by status; each cell opens its
// evidence. Uses app.js's el, api, status and download; all API text is set as text, never as markup.
'use strict';

(() => {
  const VERDICT_ZH = { literal: '可能构成字面侵权（高风险）', equivalent: '可能构成等同侵权（中风险）', not_covered: '未落入保护范围（低风险）' };
  const STATUS_ZH = { literal: '相同', equivalent: '可能等同', missing: '缺少' };
  const PART_ZH = { subject: '主题', preamble: '前序', characterising: '特征', body: '特征' };
  const FLAG_ZH = {
    'legal-status-unknown': '法律状态未知，请核实', 'application-not-granted': '申请尚未授权（仅临时保护）', 'not-in-force': '已失效',
    'no-claims-text': '数据中无权利要求文本', 'claim-1-only': '数据仅含权利要求 1', 'not-found': '索引中未找到该专利',
  };
  let lastBody = null;

  function body() {
    const patents = $('infringement-patents').value.split(/[\s,，;；]+/).map((p) => p.trim()).filter((p) => p.length > 0);
    return { text: $('infringement-text').value, size: 10, ...(patents.length > 0 ? { patents } : {}) };
  }

  function elementRow(element) {
    const evidence = element.evidence || {};
    const details = el('details', {},
      el('summary', { text: evidence.reason || '' }),
      el('p', {}, '产品描述：', evidence.sentence || '（无对应语句）'),
      evidence.matchedTerms?.length ? el('p', {}, '匹配词：', evidence.matchedTerms.join('、')) : null,
      evidence.substitutions?.length ? el('p', {}, '替换用语：', evidence.substitutions.join('，')) : null,
      evidence.missingTerms?.length ? el('p', {}, '未见：', evidence.missingTerms.join('、')) : null);
    return el('tr', { class: `cell-${element.status}` },
      el('td', { text: PART_ZH[element.part] || '' }),
      el('td', { text: element.text }),
      el('th', { scope: 'row', text: STATUS_ZH[element.status] || element.status }),
      el('td', {}, details));
  }

  function claimTable(claim) {
    return el('table', { class: 'claim-chart' },
      el('caption', {}, `权利要求 ${claim.number}${claim.independent ? '（独立）' : `（从属于 ${claim.dependsOn.join('、')}）`}：`,
        el('strong', { class: `verdict-${claim.verdict}`, text: VERDICT_ZH[claim.verdict] || claim.verdict }),
        claim.missingElements.length ? `；缺少：${claim.missingElements.join('；')}` : ''),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '部分' }), el('th', { scope: 'col', text: '技术特征' }), el('th', { scope: 'col', text: '比对' }), el('th', { scope: 'col', text: '证据与理由' }))),
      el('tbody', {}, claim.elements.map(elementRow)));
  }

  function render(response) {
    $('infringement-disclaimer').textContent = response.disclaimer;
    $('infringement-disclaimer').hidden = false;
    $('infringement-legend').hidden = false;
    const results = response.results.map((r) => el('article', { class: 'infringement-result' },
      el('h3', {}, el('a', { href: `#/patent/${encodeURIComponent(r.publicationNumber)}`, text: r.publicationNumber }), ' ', r.title || ''),
      el('p', { class: 'hint' }, r.enforceability?.note || (r.found ? '' : FLAG_ZH['not-found']),
        r.flags.length ? ` · ${r.flags.map((f) => FLAG_ZH[f] || f).join('；')}` : ''),
      r.claims.map(claimTable)));
    $('infringement-results').replaceChildren(...(results.length ? results : [el('p', { text: '没有可比对的有效专利。' })]));
    status(`比对 ${response.results.length} 件专利（候选 ${response.candidates} 件），用时 ${Math.round(response.tookMs)} ms`);
  }

  async function run(event) {
    event.preventDefault();
    lastBody = body();
    status('正在比对……');
    try {
      render(await api('/api/v1/infringement', { method: 'POST', body: JSON.stringify(lastBody) }));
      $('infringement-xlsx').disabled = false;
      $('infringement-html').disabled = false;
    } catch (e) {
      status(`预判失败：${e.message}`);
    }
  }

  async function exportAs(format) {
    if (!lastBody) return;
    const response = await fetch(`/api/v1/infringement/export/${format}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lastBody) });
    if (!response.ok) { status(`导出失败：HTTP ${response.status}`); return; }
    download(await response.blob(), `patentnav-infringement.${format}`);
  }

  $('infringement-form').addEventListener('submit', run);
  $('infringement-xlsx').addEventListener('click', () => exportAs('xlsx'));
  $('infringement-html').addEventListener('click', () => exportAs('html'));
  window.PatentNavInfringement = { render };
})();
