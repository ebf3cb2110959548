// 专利导航 tab: draws an industry chain's map for a region and period with Apache ECharts (served by this service from
// lib/echarts, loaded only when the tab opens). Every number and chart element opens the patents behind it, through
// the same result list, paging and export as the searches (app.js: state, el, api, status, renderResults, hitRow).
'use strict';

(() => {
  const COLORS = { 优势: '#1b7f4b', 一般: '#5f7fa6', 短板: '#e08a1e', 空白: '#c0392b', 无数据: '#b8bec8' };
  const HOT = '#d81b60';
  const TYPE_ZH = { Invention: '发明', UtilityModel: '实用新型', Design: '外观设计', Unknown: '未知' };
  const STATE_ZH = { InForce: '有效', Pending: '审中', NotInForce: '无效', Unknown: '未知' };
  const maps = { chains: null, map: null, node: null, charts: {}, patents: null, drawn: '' };

  /** ECharts is 1 MB: the search views never load it. */
  const loadEcharts = () => loadScript('lib/echarts/echarts.min.js', () => window.echarts);

  function chart(id) {
    maps.charts[id] ??= window.echarts.init($(id), null, { renderer: 'canvas' });
    return maps.charts[id];
  }

  /** Options every chart shares: no entry animation, so a figure is where it is drawn the moment it appears. */
  const base = { animation: false };

  // Tooltips render on the canvas: HTML tooltips carry style attributes that the page's Content-Security-Policy refuses.
  const tooltip = (formatter) => ({ trigger: 'item', renderMode: 'richText', formatter });


  async function ensureChains() {
    if (maps.chains) return;
    const result = await api('/api/v1/navigation/chains');
    maps.chains = result.chains;
    $('maps-chain').replaceChildren(...maps.chains.map((c) => el('option', { value: c.id, text: `${c.name}（${c.nodes} 个节点）` })));
  }

  /** Opens the tab; with chain (and region, from, to) in the address it draws that map, otherwise the chosen one. */
  async function open(params) {
    try {
      await Promise.all([ensureChains(), loadEcharts()]);
    } catch (e) { status(`专利导航不可用：${e.message}`); return; }
    for (const [key, id] of [['chain', 'maps-chain'], ['region', 'maps-region'], ['from', 'maps-from'], ['to', 'maps-to']]) {
      const value = params.get(key);
      if (value === null) continue;
      if (id === 'maps-region' && ![...$(id).options].some((o) => o.value === value)) $(id).append(el('option', { value, text: value }));
      $(id).value = value;
    }
    if (maps.drawn !== formKey()) await draw();
  }

  const formKey = () => ['maps-chain', 'maps-region', 'maps-from', 'maps-to'].map((id) => $(id).value).join('|');

  async function draw() {
    const query = new URLSearchParams({ region: $('maps-region').value });
    if ($('maps-from').value) query.set('from', $('maps-from').value);
    if ($('maps-to').value) query.set('to', $('maps-to').value);
    const chainId = $('maps-chain').value;
    status('正在绘制导航图……');
    try {
      const map = await api(`/api/v1/navigation/chains/${encodeURIComponent(chainId)}?${query}`);
      maps.map = map;
      maps.drawn = formKey();
      history.replaceState(null, '', `#/maps?${new URLSearchParams({ chain: chainId, ...Object.fromEntries(query) })}`);
      renderMap(map);
      status('');
    } catch (e) { status(`绘制失败：${e.message}`); }
  }

  function renderMap(map) {
    const period = map.from || map.to ? `申请年 ${map.from ?? '…'}–${map.to ?? '…'}` : '全部申请年';
    $('maps-summary').textContent = [
      `${map.name} · ${map.regionName ?? ''}（${map.region}）· ${period}`,
      `全部 ${map.corpusTotal} 件，其中本地区 ${map.regionTotal} 件，地区未知 ${map.corpusWithoutRegion} 件`,
      map.from || map.to ? `另有无申请日的 ${map.corpusWithoutApplicationDate} 件不在任何申请年内` : '',
      `数据截至 ${map.dataDate ?? '—'}（${map.completeThrough ?? '—'} 年及以前的申请已全部公开）`,
      `公开国别 ${map.office ?? '全部'} · ${engineLabel(map.engine)}`,
    ].filter(Boolean).join('；');
    const t = map.thresholds;
    $('maps-legend').replaceChildren(...Object.entries({
      优势: `区位熵 ≥ ${t.advantageQuotient} 且本地 ≥ ${t.advantageMinCount} 件`, 一般: '其他', 短板: `区位熵 < ${t.weakQuotient}`,
      空白: '有专利而本地区没有', 无数据: '语料中没有此类专利（不是零）',
    }).map(([name, rule]) => el('span', { class: 'legend-item' }, el('span', { class: `swatch pos-${name}`, 'aria-hidden': 'true' }), `${name}：${rule}`)),
    el('span', { class: 'legend-item' }, el('span', { class: 'swatch pos-hot', 'aria-hidden': 'true' }), `热点：近五年年均增长 ≥ ${Math.round(t.hotGrowth * 100)}%`));
    renderTree(map);
    renderQuotients(map);
    renderTable(map);
    selectNode(flattenNodes(map.nodes)[0]?.node);
    drawMatrix();
  }

  /** The technology–effect matrix of the drawn chain, nationally or in its region; each cell opens its patents. */
  async function drawMatrix() {
    const map = maps.map;
    const query = new URLSearchParams();
    if (map.from) query.set('from', map.from);
    if (map.to) query.set('to', map.to);
    if (map.office === null) query.set('office', 'all');
    const inRegion = $('maps-matrix-scope').value === 'region';
    if (inRegion) query.set('region', map.region);
    let matrix;
    try {
      matrix = await api(`/api/v1/navigation/chains/${encodeURIComponent(map.id)}/matrix?${query}`);
    } catch (e) { status(`技术功效矩阵读取失败：${e.message}`); return; }
    maps.matrix = matrix;
    const rows = [...matrix.rows].reverse();
    const cells = rows.flatMap((r, y) => r.counts.map((count, x) => [x, y, count]));
    const max = Math.max(1, ...cells.map((c) => c[2]));
    $('maps-matrix').style.height = `${Math.max(300, rows.length * 26 + 120)}px`;
    const c = chart('maps-matrix');
    c.resize();
    c.setOption({
      ...base,
      tooltip: tooltip((p) => `${rows[p.data[1]].name} × ${matrix.effects[p.data[0]].name}\n${p.data[2]} 件`),
      grid: { left: 170, right: 30, top: 20, bottom: 90 },
      xAxis: { type: 'category', data: matrix.effects.map((e) => e.name), axisLabel: { rotate: 40, fontSize: 12 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((r) => '　'.repeat(r.depth) + r.name), axisLabel: { fontSize: 12 }, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f4f7fb', '#9cc3ea', '#0b5cad', '#06284d'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 11 } }],
    }, true);
    c.off('click');
    c.on('click', (p) => {
      const row = rows[p.data[1]];
      const effect = matrix.effects[p.data[0]];
      const node = flattenNodes(map.nodes).find((f) => f.node.id === row.id).node;
      patents(node, inRegion ? { effect: effect.id, region: map.region } : { effect: effect.id }, `（${effect.name}${inRegion ? `，${map.regionName ?? map.region}` : ''}）`);
    });
  }

  function renderTree(map) {
    const toTree = (n) => ({
      name: `${n.name}  ${n.total}`, id: n.id, value: n.total,
      symbolSize: 8 + Math.min(18, Math.sqrt(n.total)),
      itemStyle: { color: COLORS[n.positioning] || COLORS.无数据, borderColor: n.hot ? HOT : '#fff', borderWidth: n.hot ? 3 : 1 },
      children: n.children.map(toTree), node: n,
    });
    const leaves = flattenNodes(map.nodes).length;
    $('maps-tree').style.height = `${Math.max(320, leaves * 26)}px`;
    const c = chart('maps-tree');
    c.resize();
    c.setOption({
      ...base,
      tooltip: tooltip((p) => (p.data.node ? `${p.data.node.name}\n总量 ${p.data.node.total}，本地 ${p.data.node.region.count}\n区位熵 ${formatNumber(p.data.node.region.locationQuotient)}\n${positioningLabel(p.data.node)}` : p.name)),
      series: [{
        type: 'tree', data: [{ name: map.name, children: map.nodes.map(toTree), itemStyle: { color: '#10325a' } }],
        left: '8%', right: '28%', top: 10, bottom: 10, initialTreeDepth: -1, expandAndCollapse: false,
        label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 13 },
        leaves: { label: { position: 'right', align: 'left' } }, animationDuration: 300,
      }],
    }, true);
    c.off('click');
    c.on('click', (p) => { if (p.data?.node) selectNode(p.data.node); });
  }

  function renderQuotients(map) {
    const rows = flattenNodes(map.nodes).reverse();
    $('maps-quotients').style.height = `${Math.max(240, rows.length * 22 + 60)}px`;
    const c = chart('maps-quotients');
    c.resize();
    const t = map.thresholds;
    c.setOption({
      ...base,
      title: { text: `区位熵（${map.regionName ?? map.region}）`, textStyle: { fontSize: 14 } },
      tooltip: tooltip((p) => `${rows[p.dataIndex].node.name}\n区位熵 ${formatNumber(rows[p.dataIndex].node.region.locationQuotient)}\n${positioningLabel(rows[p.dataIndex].node)}`),
      grid: { left: 160, right: 40, top: 40, bottom: 20 },
      xAxis: { type: 'value', name: '区位熵' },
      yAxis: { type: 'category', data: rows.map((r) => '　'.repeat(r.depth) + r.node.name), axisLabel: { fontSize: 12 } },
      series: [{
        type: 'bar',
        data: rows.map((r) => ({ value: r.node.region.locationQuotient ?? 0, itemStyle: { color: COLORS[r.node.positioning] || COLORS.无数据 } })),
        markLine: { symbol: 'none', label: { formatter: '{c}' }, lineStyle: { type: 'dashed' }, data: [{ xAxis: t.weakQuotient }, { xAxis: t.advantageQuotient }] },
      }],
    }, true);
    c.off('click');
    c.on('click', (p) => selectNode(rows[p.dataIndex].node));
  }

  /** A number that opens the patents behind it; a zero opens nothing. */
  function figure(text, count, node, filter, label) {
    if (!count || !filter) return el('span', { text });
    const b = el('button', { type: 'button', class: 'figure', 'aria-label': `查看${node.name}${label}的 ${count} 件专利`, text });
    b.addEventListener('click', () => patents(node, filter, label));
    return b;
  }

  function renderTable(map) {
    $('maps-table').querySelector('tbody').replaceChildren(...flattenNodes(map.nodes).map(({ node: n, depth }) => {
      const name = el('button', { type: 'button', class: 'node-name', text: n.name });
      name.addEventListener('click', () => selectNode(n));
      const noData = n.positioning === '无数据';
      return el('tr', { 'data-node': n.id },
        el('th', { scope: 'row', class: `depth-${Math.min(depth, 3)}` }, name),
        el('td', {}, noData ? el('span', { class: 'nodata', text: '无数据' }) : figure(String(n.total), n.total, n, {}, '（全部）')),
        el('td', {}, noData ? '—' : figure(String(n.region.count), n.region.count, n, { region: map.region }, `（${map.regionName ?? map.region}）`)),
        el('td', { text: formatShare(n.region.share) }),
        el('td', { text: formatNumber(n.region.locationQuotient) }),
        el('td', {}, el('span', { class: `tag pos-${n.positioning}`, text: n.positioning }), n.hot ? el('span', { class: 'tag pos-hot', text: '热点' }) : null),
        el('td', { text: n.growth === null ? '—' : formatShare(n.growth) }),
        el('td', {}, figure(String(n.inForce), n.inForce, n, { legalState: '有效' }, '（有效）')),
        el('td', { text: n.firstYear ?? '—' }));
    }));
  }

  function selectNode(node) {
    if (!node) return;
    maps.node = node;
    const map = maps.map;
    $('maps-node').hidden = false;
    $('h-maps-node').replaceChildren(`${node.name}：${node.total} 件 `, el('span', { class: `tag pos-${node.positioning}`, text: node.positioning }), node.hot ? el('span', { class: 'tag pos-hot', text: '热点' }) : null);
    $('maps-node-query').replaceChildren(el('code', { text: node.query }), node.why ? ` ${node.why}` : '');
    for (const row of $('maps-table').querySelectorAll('tr[data-node]')) row.classList.toggle('selected', row.dataset.node === node.id);

    const years = node.years.map((y) => y.key);
    const incomplete = map.completeThrough ? years.filter((y) => Number(y) > map.completeThrough) : [];
    const trend = chart('maps-trend');
    trend.setOption({
      ...base,
      title: { text: `申请趋势（近五年年均增长 ${node.growth === null ? '—' : formatShare(node.growth)}）`, textStyle: { fontSize: 14 } },
      tooltip: tooltip((p) => `${p.name} 年：${p.value} 件${incomplete.includes(p.name) ? '（尚未全部公开）' : ''}`),
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'line', data: node.years.map((y) => y.count), symbolSize: 8, itemStyle: { color: '#0b5cad' },
        markArea: incomplete.length ? { itemStyle: { color: 'rgba(180,180,180,0.25)' }, label: { text: '未完全公开', color: '#5b6472' }, data: [[{ xAxis: incomplete[0] }, { xAxis: incomplete[incomplete.length - 1] }]] } : undefined,
      }],
    }, true);
    trend.off('click');
    trend.on('click', (p) => { if (p.componentType === 'series') patents(node, { year: p.name }, `（${p.name} 年申请）`); });

    barChart('maps-applicants', '申请人排名（全国）', node.topApplicants.map((b) => [b.value, b.count]), (name) => patents(node, { applicant: name }, `（${name}）`));
    barChart('maps-provinces', `省份分布（地区未知 ${node.withoutRegion} 件）`, node.provinces.slice(0, 15).map((p) => [p.label ?? p.key, p.count, p.key]),
      (name, key) => patents(node, { province: key.slice(0, 2) }, `（${name}）`));
    const kinds = chart('maps-kinds');
    kinds.setOption({
      ...base,
      title: { text: '申请人类型', textStyle: { fontSize: 14 } },
      tooltip: tooltip((p) => `${p.name}：${p.value} 件`),
      series: [{ type: 'pie', radius: ['35%', '65%'], top: 20, data: node.applicantKinds.map((k) => ({ name: k.label, value: k.count, key: k.key })), label: { formatter: '{b} {c}' } }],
    }, true);
    kinds.off('click');
    kinds.on('click', (p) => patents(node, { applicantKind: p.data.key }, `（${p.name}）`));

    const below = map.region.endsWith('0000') ? 'city' : 'county';
    const lists = [
      // Unknown types and states have no value to filter by: shown, not linked.
      ['类型', Object.entries(node.byType).map(([k, c]) => [TYPE_ZH[k] ?? k, c, k === 'Unknown' ? null : { type: TYPE_ZH[k] }])],
      ['法律状态', Object.entries(node.byLegalState).map(([k, c]) => [STATE_ZH[k] ?? k, c, k === 'Unknown' ? null : { legalState: STATE_ZH[k] }])],
      [`${map.regionName ?? map.region}的申请人`, node.regionTopApplicants.map((b) => [b.value, b.count, { region: map.region, applicant: b.value }])],
      [`${map.regionName ?? map.region}下级地区`, node.subregions.map((s) => [s.label ?? s.key, s.count, { [below]: s.key }])],
      ['合作对象：持有有效发明的高校院所（企业出题、高校答卷）', node.partners.map((b) => [b.value, b.count, { applicant: b.value, type: '发明', legalState: '有效' }])],
      ['引进来：区外领先申请人', node.externalLeaders.map((b) => [b.value, b.count, { region: map.region, outside: 'true', applicant: b.value }])],
      ['区外发明人（人才引进）', node.externalInventors.map((b) => [b.value, b.count, { region: map.region, outside: 'true', inventor: b.value }])],
      ['发明人', node.topInventors.map((b) => [b.value, b.count, { inventor: b.value }])],
      [`新进入者（${map.newEntrantsFrom ?? '—'}–${map.newEntrantsTo ?? '—'} 年首次申请）`, node.newEntrants.map((b) => [b.value, b.count, { applicant: b.value, from: String(map.newEntrantsFrom) }])],
      ['城市', node.cities.map((c) => [c.label ?? c.key, c.count, { city: c.key.slice(0, 4) }])],
    ];
    $('maps-lists').replaceChildren(...lists.map(([title, items]) => el('div', { class: 'maps-list' },
      el('h4', { text: title }),
      items.length ? el('ol', {}, items.map(([name, count, filter]) => el('li', {}, `${name} `, figure(String(count), count, node, filter, `（${name}）`))))
        : el('p', { class: 'hint', text: node.total ? '无' : '无数据' }))));
    if (node.withoutRegion) {
      $('maps-lists').append(el('div', { class: 'maps-list' }, el('h4', { text: '地区未知' }),
        el('p', {}, '申请人地址与名称都不含地名：', figure(String(node.withoutRegion), node.withoutRegion, node, { withoutRegion: 'true' }, '（地区未知）'), ' 件')));
    }
  }

  function barChart(id, title, rows, open) {
    const data = [...rows].reverse();
    const c = chart(id);
    c.setOption({
      ...base,
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: tooltip((p) => `${p.name}：${p.value} 件`),
      grid: { left: 150, right: 30, top: 40, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.map((r) => r[0]), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: data.map((r) => r[1]), itemStyle: { color: '#0b5cad' } }],
    }, true);
    c.off('click');
    c.on('click', (p) => open(data[p.dataIndex][0], data[p.dataIndex][2] ?? data[p.dataIndex][0]));
  }

  /** The patents behind one figure: the map's period and office, the node's query and the figure's own filter. */
  async function patents(node, filter, label, cursor) {
    const map = maps.map;
    const query = new URLSearchParams({ size: '50' });
    if (map.from) query.set('from', map.from);
    if (map.to) query.set('to', map.to);
    if (map.office === null) query.set('office', 'all');
    for (const [k, v] of Object.entries(filter)) query.set(k, v);
    if (cursor) query.set('cursor', cursor);
    status('正在读取专利……');
    try {
      const result = await api(`/api/v1/navigation/chains/${encodeURIComponent(map.id)}/nodes/${encodeURIComponent(node.id)}/patents?${query}`);
      const rows = cursor ? [...state.rows, ...result.hits.map(hitRow)] : result.hits.map(hitRow);
      state.rowsMode = 'maps';
      renderResults(rows, `${node.name}${label}：共 ${result.total} 件，显示 ${rows.length} 件（${engineLabel(result.engine)}）`, null);
      maps.patents = { node, filter, label, next: result.nextCursor };
      $('results-more').hidden = !result.nextCursor || rows.length >= result.total;
      status('');
      if (!cursor) $('h-results').scrollIntoView({ block: 'start' });
    } catch (e) { status(`读取失败：${e.message}`); }
  }

  // Loaded by app.js when the tab first opens, after the page is parsed: wire up at once.
  $('maps-form').addEventListener('submit', (e) => { e.preventDefault(); draw(); });
  $('maps-matrix-scope').addEventListener('change', () => { if (maps.map) drawMatrix(); });
  $('results-more').addEventListener('click', () => {
    const p = maps.patents;
    if (state.mode === 'maps' && p?.next) patents(p.node, p.filter, p.label, p.next);
  });
  window.addEventListener('resize', () => { for (const c of Object.values(maps.charts)) c.resize(); });

  window.PatentNavMaps = { open };
})();
