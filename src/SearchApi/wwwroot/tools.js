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

  // 专题库: every call carries the key the user typed; nothing of it is stored beyond this page.
  const keyed = (options = {}) => ({ ...options, headers: { 'X-Api-Key': $('pool-key').value, ...(options.headers || {}) } });

  async function listPools(event) {
    event?.preventDefault();
    try {
      const { collections } = await api('/api/v1/collections', keyed());
      $('pool-list-items').replaceChildren(...(collections.length ? collections : []).map((c) => el('li', {},
        el('strong', { text: c.name }), ` ${c.owner || ''} ${c.query ? `· ${c.query}` : ''} · 固定 ${c.pinned.length} · 排除 ${c.excluded.length} `,
        el('button', { type: 'button', class: 'secondary', 'data-pool': c.id, 'data-action': 'patents', text: '查看专利' }),
        el('button', { type: 'button', class: 'secondary', 'data-pool': c.id, 'data-action': 'csv', text: 'CSV' }),
        el('button', { type: 'button', class: 'secondary', 'data-pool': c.id, 'data-action': 'xlsx', text: 'XLSX' }),
        el('button', { type: 'button', class: 'secondary', 'data-pool': c.id, 'data-action': 'map', text: '导航图' }))));
      await ensureChains();
      if (!collections.length) $('pool-list-items').replaceChildren(el('li', { text: '尚无专题库。' }));
    } catch (e) {
      status(e.status === 401 ? 'API 密钥无效。' : `读取专题库失败：${e.message}`);
    }
  }

  async function createPool(event) {
    event.preventDefault();
    const pinned = $('pool-pinned').value.split(/[\s,，;；]+/).filter((p) => p.length > 0);
    try {
      await api('/api/v1/collections', keyed({ method: 'POST', body: JSON.stringify({ name: $('pool-name').value, owner: $('pool-owner').value || null,
        description: $('pool-description').value || null, query: $('pool-query').value || null, pinned }) }));
      status('已新建专题库。');
      await listPools();
    } catch (e) {
      status(`新建失败：${e.message}`);
    }
  }

  async function ensureChains() {
    if ($('pool-chain').options.length) return;
    const { chains } = await api('/api/v1/navigation/chains');
    $('pool-chain').replaceChildren(...chains.map((c) => el('option', { value: c.id, text: c.name })));
  }

  /** The chain's map drawn on the collection alone: every node's count, the region's part and the positioning within it. */
  async function poolMap(id) {
    const chain = $('pool-chain').value;
    const map = await api(`/api/v1/collections/${encodeURIComponent(id)}/chains/${encodeURIComponent(chain)}/map?office=all`, keyed());
    const rows = flattenNodes(map.nodes).map(({ node: n, depth }) => el('tr', {},
      el('th', { scope: 'row', text: `${'　'.repeat(depth)}${n.name}` }), el('td', { text: String(n.total) }),
      el('td', { text: String(n.region.count) }), el('td', { text: formatShare(n.region.share) }),
      el('td', { text: formatNumber(n.region.locationQuotient) }), el('td', { text: positioningLabel(n) })));
    $('pool-map').querySelector('tbody').replaceChildren(...rows);
    $('pool-map-caption').textContent = `${map.name}：专题库 ${map.collection} 内共 ${map.corpusTotal} 件，${map.regionName || map.region} ${map.regionTotal} 件（所有公开国别）`;
    $('pool-map').hidden = false;
    status(`已在专题库上绘制“${map.name}”导航图。`);
  }

  async function poolAction(event) {
    const button = event.target.closest('button[data-pool]');
    if (!button) return;
    const id = button.getAttribute('data-pool');
    const action = button.getAttribute('data-action');
    if (action === 'map') {
      await poolMap(id);
      return;
    }
    if (action === 'patents') {
      const result = await api(`/api/v1/collections/${encodeURIComponent(id)}/patents?size=50`, keyed());
      $('pool-patents').replaceChildren(...result.hits.map((h) => el('li', {}, el('a', { href: `#/patent/${encodeURIComponent(h.publicationNumber)}`, text: h.publicationNumber }), ` ${h.title || ''}${h.pinned ? '（固定收录）' : ''}`)));
      status(`该专题库共 ${result.total} 件专利。`);
      return;
    }
    const response = await fetch(`/api/v1/collections/${encodeURIComponent(id)}/patents?format=${action}`, keyed());
    if (!response.ok) { status(`导出失败：HTTP ${response.status}`); return; }
    download(await response.blob(), `collection-${id}.${action}`);
  }

  // The chain list is public: the selector is filled before any key is typed.
  ensureChains().catch(() => {});
  $('pool-key-form').addEventListener('submit', listPools);
  $('pool-form').addEventListener('submit', createPool);
  $('pool-list-items').addEventListener('click', (e) => poolAction(e).catch((err) => status(`操作失败：${err.message}`)));
  $('growth-form').addEventListener('submit', growth);
  $('scope-form').addEventListener('submit', scope);
  window.PatentNavTools = { growth, scope };
})();
