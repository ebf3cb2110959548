// 专利标识检查 tab: one marking or an inspector's CSV or XLSX; each finding shown with its rule. Uses app.js's el, api, status, downloadXlsx.
'use strict';

(() => {
  const TYPE_ZH = { invention: '发明', utilityModel: '实用新型', design: '外观设计', unknown: '未知' };

  function row(result) {
    const verdict = result.correct
      ? el('span', { class: 'finding-ok', text: '标识正确' })
      : el('ul', { class: 'findings' }, result.findings.map((f) => el('li', { class: `finding-${f.severity}` }, el('code', { text: f.rule }), ' ', f.message)));
    const patent = result.patent
      ? el('span', {}, el('a', { href: `#/patent/${encodeURIComponent(result.patent.publicationNumber)}`, text: result.patent.publicationNumber }), ' ', result.patent.title || '')
      : el('span', { text: '—' });
    return el('tr', {}, el('td', { text: result.number }), el('td', { text: TYPE_ZH[result.markedType] || '（未标注）' }), el('td', {}, patent), el('td', {}, verdict));
  }

  let checked = [];

  function render(results, summary) {
    checked = results;
    $('marking-xlsx').hidden = results.length === 0;
    $('marking-table').hidden = false;
    $('marking-table').querySelector('tbody').replaceChildren(...results.map(row));
    $('marking-summary').textContent = summary;
  }

  async function single(event) {
    event.preventDefault();
    try {
      const result = await api('/api/v1/marking', { method: 'POST', body: JSON.stringify({ number: $('marking-number').value, markedType: $('marking-type').value || null }) });
      render([result], result.correct ? '标识正确。' : `发现 ${result.findings.length} 个问题。`);
    } catch (e) {
      status(`检查失败：${e.message}`);
    }
  }

  async function batch(event) {
    event.preventDefault();
    const file = $('marking-file').files[0];
    if (!file) { status('请选择 CSV 或 XLSX 文件。'); return; }
    try {
      const response = await api('/api/v1/marking/batch/csv', { method: 'POST', body: file, headers: { 'content-type': file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' } });
      render(response.results, `共 ${response.results.length} 条：正确 ${response.correct}，违规 ${response.violations}，待核实 ${response.toVerify}。`);
    } catch (e) {
      status(`批量检查失败：${e.message}`);
    }
  }

  /** The checked markings as a workbook for the inspector's file: one row per marking, its findings with their rules. */
  async function exportXlsx() {
    const columns = ['标注的专利号', '标注的类型', '专利', '名称', '结论', '问题（规则：说明）'];
    const rows = checked.map((r) => [r.number, TYPE_ZH[r.markedType] || '（未标注）', r.patent ? r.patent.publicationNumber : '', r.patent ? r.patent.title || '' : '',
      r.correct ? '标识正确' : '有问题', r.findings.map((f) => `${f.rule}：${f.message}`).join('；')]);
    await downloadXlsx(columns, rows, 'patentnav-marking.xlsx');
  }

  $('marking-xlsx').addEventListener('click', () => exportXlsx().catch((e) => status(`导出失败：${e.message}`)));
  $('marking-form').addEventListener('submit', single);
  $('marking-batch-form').addEventListener('submit', batch);
  window.PatentNavMarking = { render };
})();
