// PatentNav embeddable search widget:
//   <script src="{service}/widget.js" data-site-key="KEY" [data-detail-url="https://host/p/{number}"]></script>
//   <patentnav-search [detail-url="…"] [size="10"]></patentnav-search>
// Renders inside a shadow DOM so neither the host's styles nor the widget's leak across; API text is set as text only.
(() => {
  'use strict';
  const script = document.currentScript;
  const service = new URL(script.src).origin;
  const siteKey = script.dataset.siteKey || '';
  const defaultTemplate = script.dataset.detailUrl || `${service}/#/patent/{number}`;

  const css = `
    :host { all: initial; display: block; font: 15px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1d2430; }
    form { display: flex; gap: .4rem; } label { position: absolute; left: -9999px; }
    input { flex: 1; font: inherit; padding: .4rem; border: 1px solid #aab2bf; border-radius: 4px; }
    button { font: inherit; padding: .4rem .9rem; border: 0; border-radius: 4px; background: #0b5cad; color: #fff; cursor: pointer; }
    :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
    ol { padding-left: 1.4rem; } li { margin: .5rem 0; } a { color: #0b5cad; font-weight: 600; }
    .meta { color: #5b6472; font-size: .85em; } .snip { margin: .15rem 0 0; font-size: .9em; }
    mark { background: #ffe58a; color: inherit; } .msg { color: #5b6472; } .msg.err { color: #b00020; }`;

  /** Highlight fragments come escaped from the service; insert them only if their sole tags are <mark>. */
  const markHtml = (node, html) => { if (typeof html === 'string' && !/<(?!\/?mark>)/i.test(html)) node.innerHTML = html; else node.textContent = String(html ?? ''); return node; };

  class PatentNavSearch extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = `<style>${css}</style>
        <form part="form" role="search"><label for="q">专利检索</label><input id="q" type="search" placeholder="输入关键词检索专利，如 锂电池 隔膜" autocomplete="off">
        <button type="submit">检索</button></form><p class="msg" role="status" aria-live="polite"></p><ol></ol>`;
      this.input = root.querySelector('input');
      this.msg = root.querySelector('.msg');
      this.list = root.querySelector('ol');
      root.querySelector('form').addEventListener('submit', (e) => { e.preventDefault(); this.search(); });
    }

    detailUrl(number) {
      return (this.getAttribute('detail-url') || defaultTemplate).replaceAll('{number}', encodeURIComponent(number));
    }

    async search() {
      const q = this.input.value.trim();
      if (!q) return;
      this.msg.className = 'msg'; this.msg.textContent = '正在检索……'; this.list.replaceChildren();
      const size = Math.min(Number(this.getAttribute('size')) || 10, 50);
      let result;
      try {
        const response = await fetch(`${service}/api/v1/search?${new URLSearchParams({ q, size: String(size), facets: 'type' })}`, { headers: { 'X-Site-Key': siteKey } });
        if (response.status === 403) throw new Error('forbidden');
        result = await response.json();
        if (!response.ok) { this.fail(result.messageZh || result.detail || '检索失败'); return; }
      } catch {
        // A CORS refusal surfaces as a network error: the page's origin is not allowed for this site key.
        this.fail('此网站未获授权使用 PatentNav 检索组件。');
        return;
      }
      this.msg.textContent = `共 ${result.total} 条结果`;
      this.list.replaceChildren(...result.hits.map((h) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = this.detailUrl(h.publicationNumber);
        a.target = '_blank'; a.rel = 'noopener';
        a.textContent = h.title || h.publicationNumber;
        const meta = document.createElement('div');
        meta.className = 'meta';
        meta.textContent = [h.publicationNumber, (h.applicants || []).join('；'), h.applicationDate].filter(Boolean).join('　');
        li.append(a, meta);
        const snippet = h.highlights?.abstract?.[0] ?? h.highlights?.title?.[0];
        if (snippet) { const p = document.createElement('p'); p.className = 'snip'; li.append(markHtml(p, snippet)); }
        return li;
      }));
    }

    fail(text) { this.msg.className = 'msg err'; this.msg.textContent = text; }
  }

  if (!customElements.get('patentnav-search')) customElements.define('patentnav-search', PatentNavSearch);
})();
