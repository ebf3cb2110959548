// PatentNav web page: plain modern JavaScript, no dependencies, so the page works offline from the service alone.
// All API text is set with textContent; only highlight fragments (already escaped server-side) go through markHtml.
'use strict';

const $ = (id) => document.getElementById(id);
const TYPE_ZH = { Invention: '发明', UtilityModel: '实用新型', Design: '外观设计', Unknown: '未知' };
const LEGAL_ZH = { InForce: '有权', Pending: '审中', NotInForce: '无权', Unknown: '未知' };
const FACET_ZH = { ipcSubclass: 'IPC 小类', type: '专利类型', legalState: '法律状态', applicationYear: '申请年', applicant: '申请人', province: '省份', city: '城市' };

const state = { mode: 'novelty', rows: [], novelty: null, terms: [], expert: { q: '', filters: [] } };

/** Creates an element; string children become text nodes, never markup. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    // Styles through CSSOM: the Content-Security-Policy refuses style attributes written as markup.
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else if (k === 'style') node.style.cssText = v; else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/** Highlight HTML is inserted only when its sole tags are <mark> and </mark>; anything else falls back to plain text. */
function markHtml(node, html) {
  if (typeof html === 'string' && !/<(?!\/?mark>)/i.test(html)) node.innerHTML = html; else node.textContent = String(html ?? '');
  return node;
}

function status(text) { $('status').textContent = text; }

// Navigation-map figures, shared by the 专利导航 tab and a collection's map on the 政策工具 tab. Absent figures (a node
// without data) are left out of the JSON, so null and undefined both read as a dash.
const formatShare = (v) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
const formatNumber = (v, digits = 2) => (v == null ? '—' : Number(v).toFixed(digits));
/** A chain's nodes in tree order, each with its depth. */
const flattenNodes = (nodes, depth = 0) => nodes.flatMap((n) => [{ node: n, depth }, ...flattenNodes(n.children || [], depth + 1)]);
const positioningLabel = (n) => n.positioning + (n.hot ? ' · 热点' : '');

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { 'content-type': 'application/json', ...(options.headers || {}) } });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) { const e = new Error(body?.messageZh || body?.detail || body?.title || `HTTP ${response.status}`); e.problem = body; e.status = response.status; throw e; }
  return body;
}

// ---- routing: #/novelty, #/expert, #/patent/{number}
function show(view) {
  for (const id of ['view-novelty', 'view-expert', 'view-maps', 'view-infringement', 'view-marking', 'view-ledger', 'view-tools', 'view-results', 'view-detail']) $(id).hidden = !view.includes(id);
  for (const mode of ['novelty', 'expert', 'maps', 'infringement', 'marking', 'ledger', 'tools']) {
    $(`tab-${mode}`).toggleAttribute('aria-current', false);
    if (state.mode === mode && !view.includes('view-detail')) $(`tab-${mode}`).setAttribute('aria-current', 'page');
  }
}

function route() {
  const hash = location.hash || '#/novelty';
  const patent = hash.match(/^#\/patent\/(.+)$/);
  if (patent) { show(['view-detail']); loadDetail(decodeURIComponent(patent[1])); return; }
  // 专利导航 (maps.js): #/maps or #/maps?chain=…&region=…&from=…&to=…
  if (hash === '#/maps' || hash.startsWith('#/maps?')) {
    state.mode = 'maps';
    show(['view-maps', state.rows.length > 0 && state.rowsMode === 'maps' ? 'view-results' : '']);
    $('back').href = '#/maps';
    loadMaps().then((maps) => maps.open(new URLSearchParams(hash.slice('#/maps'.length + 1))), (e) => status(`专利导航不可用：${e.message}`));
    return;
  }
  // 侵权预判 (infringement.js): a claim chart per patent, each cell opening its evidence.
  if (hash === '#/infringement') {
    state.mode = 'infringement';
    show(['view-infringement']);
    loadInfringement().catch((e) => status(`侵权预判不可用：${e.message}`));
    return;
  }
  if (hash === '#/tools') {
    state.mode = 'tools';
    show(['view-tools']);
    loadTools().catch((e) => status(`政策工具不可用：${e.message}`));
    return;
  }
  if (hash === '#/ledger') {
    state.mode = 'ledger';
    show(['view-ledger']);
    loadLedger().catch((e) => status(`企业台账不可用：${e.message}`));
    return;
  }
  if (hash === '#/marking') {
    state.mode = 'marking';
    show(['view-marking']);
    loadMarking().catch((e) => status(`标识检查不可用：${e.message}`));
    return;
  }
  state.mode = hash === '#/expert' ? 'expert' : 'novelty';
  const hasResults = state.rows.length > 0 && state.rowsMode === state.mode;
  show([`view-${state.mode}`, hasResults ? 'view-results' : '']);
  $('back').href = `#/${state.mode}`;
}

/** Loads a script of this service once; resolves with what it defines, as loaded() reads it. */
function loadScript(src, loaded) {
  if (loaded()) return Promise.resolve(loaded());
  return new Promise((resolve, reject) => {
    const script = el('script', { src });
    script.addEventListener('load', () => resolve(loaded()));
    script.addEventListener('error', () => reject(new Error(`${src} 加载失败`)));
    document.head.append(script);
  });
}

/** The 专利导航 tab's script (and through it the charting library) loads only when the tab opens. */
const loadMaps = () => loadScript('maps.js', () => window.PatentNavMaps);
const loadInfringement = () => loadScript('infringement.js', () => window.PatentNavInfringement);
const loadMarking = () => loadScript('marking.js', () => window.PatentNavMarking);
const loadLedger = () => loadScript('ledger.js', () => window.PatentNavLedger);
const loadTools = () => loadScript('tools.js', () => window.PatentNavTools);

// Which engine answered: with a cluster configured, "本地索引" means the cluster could not answer and the embedded index did.
function engineLabel(engine) {
  return engine === 'elasticsearch' ? 'Elasticsearch 集群' : engine === 'lucene' ? '本地索引' : (engine || '');
}

// ---- novelty search
async function runNovelty(withTerms) {
  const text = $('novelty-text').value.trim();
  if (!text) { status('请先输入技术方案描述。'); $('novelty-text').focus(); return; }
  performance.clearMarks(); performance.mark('novelty-submit');
  status('正在检索……');
  const body = { text, size: 20 };
  if (withTerms) body.terms = state.terms.map(({ term, weight }) => ({ term, weight }));
  try {
    const result = await api('/api/v1/novelty', { method: 'POST', body: JSON.stringify(body) });
    state.terms = result.terms.map((t) => ({ term: t.term, weight: t.weight }));
    renderTerms();
    $('ipc-suggest').textContent = result.suggestedIpc?.length ? `建议 IPC 小类：${result.suggestedIpc.map((s) => `${s.subclass}（${Math.round(s.confidence * 100)}%）`).join('、')}` : '';
    state.rowsMode = 'novelty';
    renderResults(result.hits.map((h) => ({
      number: h.publicationNumber, title: h.title, relevance: h.relevance, matched: h.matchedTerms || [], passage: h.passage,
      ipc: h.mainIpc || (h.ipc || [])[0] || '', applicants: h.applicants || [], applicationDate: h.applicationDate || '', score: h.score,
    })), `共 ${result.hits.length} 条相关专利（${engineLabel(result.engine)}）`, null);
    performance.mark('novelty-first-result');
    status('');
  } catch (e) { status(`检索失败：${e.message}`); }
}

function renderTerms() {
  $('terms-box').hidden = false;
  $('terms').replaceChildren(...state.terms.map((t, i) => {
    const weight = el('input', { type: 'number', min: '0.05', max: '1', step: '0.05', value: t.weight.toFixed(2), 'aria-label': `“${t.term}”的权重` });
    weight.addEventListener('change', () => { state.terms[i].weight = Math.min(1, Math.max(0.05, Number(weight.value) || 0.5)); });
    const remove = el('button', { type: 'button', 'aria-label': `删除检索词“${t.term}”`, text: '×' });
    remove.addEventListener('click', () => { state.terms.splice(i, 1); renderTerms(); $('term-new').focus(); });
    return el('li', { class: 'term' }, el('span', { text: t.term }), weight, remove);
  }));
}

// ---- expert search
async function runExpert() {
  const q = $('expert-q').value.trim();
  if (!q) { $('expert-q').focus(); return; }
  state.expert.q = q;
  const params = new URLSearchParams({ q, size: '50' });
  for (const f of state.expert.filters) params.append('filter', f);
  $('expert-error').hidden = true; $('expert-q').removeAttribute('aria-invalid');
  status('正在检索……');
  try {
    const result = await api(`/api/v1/search?${params}`, { headers: {} });
    state.rowsMode = 'expert';
    renderResults(result.hits.map(hitRow), `共 ${result.total} 条，显示前 ${result.hits.length} 条（${result.tookMs} ms，${engineLabel(result.engine)}）`, result.facets);
    status('');
  } catch (e) {
    status('');
    if (e.status === 400 && e.problem) showParseError(q, e.problem); else status(`检索失败：${e.message}`);
  }
}

/** A search hit as a result row (expert search, the patents behind a navigation map's figure). */
function hitRow(h) {
  return {
    number: h.publicationNumber, title: h.title, score: h.score, matched: [],
    passage: firstHighlight(h.highlights) ?? h.abstract, ipc: h.mainIpc || (h.ipc || [])[0] || '',
    applicants: h.applicants || [], applicationDate: h.applicationDate || '',
    titleHtml: h.highlights?.title?.[0],
  };
}

function firstHighlight(highlights) {
  for (const field of ['abstract', 'claims', 'title', 'description']) if (highlights?.[field]?.length) return highlights[field][0];
  const any = Object.values(highlights || {}).find((v) => v.length); return any ? any[0] : null;
}

/** Shows the query with the error position marked inline, and the message for screen readers. */
function showParseError(q, problem) {
  const box = $('expert-error');
  // The offset is inside the member that broke: mark it in the box only when that member is the query itself.
  const inQuery = problem.member === undefined || problem.member === 'q';
  const pos = inQuery && Number.isInteger(problem.position) ? Math.min(Math.max(problem.position, 0), q.length) : null;
  const code = el('code', { class: 'query' });
  if (pos === null) code.textContent = q;
  else code.append(q.slice(0, pos), el('span', { class: 'at', 'aria-label': `第 ${pos + 1} 个字符处`, text: q.slice(pos, pos + 1) || ' ' }), q.slice(pos + 1));
  box.replaceChildren(el('p', { text: `检索式有误${pos === null ? '' : `（第 ${pos + 1} 个字符）`}：${problem.messageZh || problem.detail || problem.title}` }), code);
  box.hidden = false;
  $('expert-q').setAttribute('aria-invalid', 'true');
  if (pos !== null) { $('expert-q').focus(); $('expert-q').setSelectionRange(pos, pos); }
}

function facetFilter(name, bucket) {
  const value = bucket.label && (name === 'type' || name === 'legalState') ? bucket.label : bucket.value;
  return { ipcSubclass: `IPC=${value}`, type: `TYPE=${value}`, legalState: `LS=${value}`, applicationYear: `AD=${value}`,
    applicant: `PA="${value.replaceAll('"', '')}"`, province: `CO=${value}`, city: `CO=${value}` }[name];
}

function renderFacets(facets) {
  const aside = $('facets');
  if (!facets) { aside.hidden = true; return; }
  const parts = [el('h3', { text: '筛选' })];
  if (state.expert.filters.length) {
    parts.push(el('ul', {}, state.expert.filters.map((f, i) => {
      const b = el('button', { type: 'button', 'aria-label': `取消筛选 ${f}`, text: `✕ ${f}` });
      b.addEventListener('click', () => { state.expert.filters.splice(i, 1); runExpert(); });
      return el('li', {}, b);
    })));
  }
  for (const [name, buckets] of Object.entries(facets)) {
    if (!buckets.length) continue;
    parts.push(el('h3', { text: FACET_ZH[name] || name }), el('ul', {}, buckets.map((bucket) => {
      const b = el('button', { type: 'button' }, bucket.label || bucket.value, el('span', { class: 'count', text: bucket.count }));
      b.addEventListener('click', () => { const f = facetFilter(name, bucket); if (f && !state.expert.filters.includes(f)) state.expert.filters.push(f); runExpert(); });
      return el('li', {}, b);
    })));
  }
  aside.replaceChildren(...parts); aside.hidden = false;
}

// ---- results
function renderResults(rows, summary, facets) {
  state.rows = rows;
  $('results-more').hidden = true;
  $('summary').textContent = summary;
  renderFacets(facets);
  $('results').replaceChildren(...rows.map((r) => {
    const link = el('a', { href: `#/patent/${encodeURIComponent(r.number)}` });
    if (r.titleHtml) markHtml(link, r.titleHtml); else link.textContent = r.title || r.number;
    const item = el('li', { class: 'result' }, el('h3', {}, link));
    const meta = el('p', { class: 'meta' });
    if (r.relevance !== undefined) {
      const pct = Math.round(r.relevance * 100);
      meta.append(el('span', { class: 'bar', role: 'img', 'aria-label': `相关度 ${pct}%` }, el('span', { style: `width:${pct}%` })), `相关度 ${pct}%　`);
    }
    meta.append([r.number, r.ipc, r.applicants.join('；'), r.applicationDate && `申请日 ${r.applicationDate}`].filter(Boolean).join('　'));
    item.append(meta);
    if (r.matched.length) item.append(el('p', { class: 'chips' }, el('span', { class: 'hint', text: '命中词：' }), r.matched.map((t) => el('span', { class: 'chip', text: t }))));
    if (r.passage) item.append(markHtml(el('p', { class: 'passage' }), r.passage));
    return item;
  }));
  show([`view-${state.mode}`, 'view-results']);
}

// ---- export of the current result list
const EXPORT_COLUMNS = ['序号', '公开号', '名称', '相关度/得分', '主分类号', '申请人', '申请日', '命中词'];
function exportRows() {
  return state.rows.map((r, i) => [String(i + 1), r.number, r.title || '', r.relevance !== undefined ? r.relevance.toFixed(3) : (r.score ?? '').toString(),
    r.ipc, r.applicants.join('；'), r.applicationDate, r.matched.join('、')]);
}

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportCsv() {
  const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  // Leading '=', '+', '-', '@' would be evaluated as formulas by spreadsheet programs.
  const safe = (v) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  const lines = [EXPORT_COLUMNS, ...exportRows()].map((row) => row.map((v) => cell(safe(v))).join(','));
  // The BOM makes Excel read the file as UTF-8 instead of the local code page.
  download(new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }), 'patentnav-results.csv');
}

/** Rows of text as a workbook built by the server (an XLSX needs a zip container), downloaded as name. */
async function downloadXlsx(columns, rows, name) {
  const response = await fetch('/api/v1/export/xlsx', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ columns, rows }) });
  if (!response.ok) { status(`导出失败：HTTP ${response.status}`); return; }
  download(await response.blob(), name);
}

const exportXlsx = () => downloadXlsx(EXPORT_COLUMNS, exportRows(), 'patentnav-results.xlsx');

// ---- detail view with the claim tree
async function loadDetail(number) {
  $('detail-title').textContent = '正在加载……';
  $('detail-biblio').replaceChildren(); $('detail-abstract').textContent = ''; $('claim-tree').replaceChildren(); $('detail-indicators').replaceChildren();
  try {
    const p = await api(`/api/v1/patents/${encodeURIComponent(number)}`, { headers: {} });
    $('detail-title').textContent = p.title || p.publicationNumber || p.id;
    document.title = `${p.title || number} - PatentNav`;
    const biblio = [['公开号', p.publicationNumber], ['申请号', p.applicationNumber], ['类型', TYPE_ZH[p.type] || p.type], ['法律状态', p.legalStatusText || LEGAL_ZH[p.legalState] || p.legalState],
      ['申请日', p.applicationDate], ['公开日', p.publicationDate], ['申请人', (p.applicants || []).join('；')], ['发明人', (p.inventors || []).join('；')],
      ['主分类号', p.mainIpc], ['分类号', (p.ipc || []).join('；')], ['地址', p.address]];
    $('detail-biblio').replaceChildren(...biblio.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]));
    $('detail-abstract').textContent = p.abstract || '';
    renderClaimTree(p.claimTree?.claims || [], p.claims);
    $('detail-title').setAttribute('tabindex', '-1'); $('detail-title').focus();
    // Each indicator with its definition on hover and below; an empty value is data the source lacks.
    const indicators = await api(`/api/v1/patents/${encodeURIComponent(number)}/indicators`, { headers: {} });
    $('detail-indicators').replaceChildren(...indicators.indicators.flatMap((i) => [
      el('dt', { text: i.name, title: i.definition }),
      el('dd', {}, i.value === null || i.value === undefined ? '—' : `${i.value}${i.unit ? ` ${i.unit}` : ''}`, el('span', { class: 'hint', text: ` ${i.definition}` })),
    ]));
  } catch (e) { $('detail-title').textContent = `无法加载 ${number}：${e.message}`; }
}

function renderClaimTree(claims, rawClaims) {
  const tree = $('claim-tree');
  if (!claims.length) { tree.replaceChildren(el('li', { text: rawClaims || '（无权利要求）' })); return; }
  // A dependent claim hangs under the first claim it refers to, so each independent claim heads its own subtree.
  const children = new Map(claims.map((c) => [c.number, []]));
  const roots = [];
  for (const c of claims) {
    const parent = (c.dependsOn || [])[0];
    if (parent !== undefined && children.has(parent)) children.get(parent).push(c); else roots.push(c);
  }
  const node = (c) => {
    const independent = c.isIndependent ?? !(c.dependsOn || []).length;
    const box = el('div', { class: `claim${independent ? ' independent' : ''}` },
      el('span', { class: 'badge', text: independent ? `独立权利要求 ${c.number}` : `从属权利要求 ${c.number}（引用 ${(c.dependsOn || []).join('、')}）` }),
      el('span', { text: c.text }));
    if (c.features?.length) box.append(el('ol', { class: 'features', 'aria-label': `权利要求 ${c.number} 的技术特征` }, c.features.map((f) => el('li', { text: f }))));
    const li = el('li', {}, box);
    const kids = children.get(c.number);
    if (kids.length) li.append(el('ul', {}, kids.map(node)));
    return li;
  };
  tree.replaceChildren(...roots.map(node));
}

// ---- wiring
document.addEventListener('DOMContentLoaded', () => {
  $('novelty-form').addEventListener('submit', (e) => { e.preventDefault(); runNovelty(false); });
  $('rerun').addEventListener('click', () => runNovelty(true));
  $('term-add').addEventListener('submit', (e) => {
    e.preventDefault();
    const term = $('term-new').value.trim();
    if (term && !state.terms.some((t) => t.term === term)) { state.terms.push({ term, weight: 1 }); renderTerms(); }
    $('term-new').value = '';
  });
  $('expert-form').addEventListener('submit', (e) => { e.preventDefault(); state.expert.filters = []; runExpert(); });
  $('export-csv').addEventListener('click', exportCsv);
  $('export-xlsx').addEventListener('click', exportXlsx);
  window.addEventListener('hashchange', route);
  route();
});
