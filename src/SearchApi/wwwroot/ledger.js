// 企业台账 tab: an applicant's portfolio profile and ledger rows (paged), with the XLSX ledger as a link.
'use strict';

(() => {
  const TYPE_ZH = { invention: '发明', utilityModel: '实用新型', design: '外观设计', unknown: '未知' };
  const STATE_ZH = { inForce: '有权', pending: '审中', notInForce: '无权', unknown: '未知' };
  const PAGE = 50;
  const ledger = { name: '', page: 0 };

  const url = (name, suffix) => `/api/v1/applicants/${encodeURIComponent(name)}/${suffix}`;

  function profile(p) {
    const entries = [
      ['申请人', p.applicant], ['别名', p.aliases.join('；')], ['专利总数', p.total],
      ['有效（已核实）', p.inForce], ['有效（法律状态未知，待核实）', p.inForceUnverified],
      ['按类型', Object.entries(p.byType).map(([k, v]) => `${TYPE_ZH[k] || k} ${v}`).join('，')],
      ['按法律状态', Object.entries(p.byLegalStatus).map(([k, v]) => `${STATE_ZH[k] || k} ${v}`).join('，')],
      ['12 个月内届满', p.expiringWithin12Months.length],
      ['主要发明人', p.inventors.slice(0, 5).map((i) => `${i.label}（${i.count}）`).join('，')],
      ['主要 IPC 小类', p.ipcSubclasses.slice(0, 8).map((i) => `${i.label}（${i.count}）`).join('，')],
      ['合作申请人（产学研）', p.coApplicants.slice(0, 8).map((i) => `${i.label}（${i.count}）`).join('，')],
    ];
    $('ledger-profile').replaceChildren(...entries.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) === '' ? '（数据未提供）' : String(v) })]));
    $('ledger-profile').hidden = false;
    $('ledger-note').textContent = p.note;
  }

  function rows(list, append) {
    const body = $('ledger-table').querySelector('tbody');
    const made = list.map((r) => el('tr', {},
      el('td', {}, el('a', { href: `#/patent/${encodeURIComponent(r.publicationNumber)}`, text: r.patentNumber })),
      el('td', { text: r.title || '' }), el('td', { text: TYPE_ZH[r.type] || r.type }), el('td', { text: r.applicationDate || '' }),
      el('td', { text: r.legalStatusText || STATE_ZH[r.legalStatus] || '' }), el('td', { text: r.expiry || '' }), el('td', { text: r.nextAnnualFee || '' })));
    if (append) body.append(...made); else body.replaceChildren(...made);
    $('ledger-table').hidden = false;
  }

  async function load(page) {
    const response = await api(`${url(ledger.name, 'ledger')}?page=${page}&size=${PAGE}`, { headers: {} });
    if (page === 1) profile(response);
    rows(response.rows, page > 1);
    ledger.page = page;
    $('ledger-more').hidden = page * PAGE >= response.total;
    status(`${response.applicant}：共 ${response.total} 件专利，已显示 ${Math.min(page * PAGE, response.total)} 件`);
  }

  async function run(event) {
    event.preventDefault();
    ledger.name = $('ledger-name').value.trim();
    $('ledger-xlsx').href = url(ledger.name, 'ledger.xlsx');
    $('ledger-xlsx').hidden = false;
    try { await load(1); } catch (e) { status(e.status === 404 ? '索引中没有该申请人的专利。' : `生成台账失败：${e.message}`); }
  }

  $('ledger-form').addEventListener('submit', run);
  $('ledger-more').addEventListener('click', () => load(ledger.page + 1).catch((e) => status(`加载失败：${e.message}`)));
  window.PatentNavLedger = { load };
})();
