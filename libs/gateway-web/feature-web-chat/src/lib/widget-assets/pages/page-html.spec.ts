import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { escapeHtml, inlineHtml, renderAccessibilityPage, renderDemoPage, renderPrivacyPage, telHref } from './page-html';
import { PAGE_STYLE, PAGE_STYLE_HASH } from './page-style';
import { createHash } from 'node:crypto';

/** The shape of a texts tree: keys, array lengths and the placeholders of every string. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort());
  return typeof value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const context = { contact: { phone: '+31 20 123 4567', email: 'klantenservice@voorbeeldwinkel.example' }, widgetScriptUrl: 'https://chat.example/widget.js' };

describe("gateway-web's pages", () => {
  it('have the same texts in Dutch and English, none empty', () => {
    expect(shape(nl)).toEqual(shape(en));
    expect([...strings(nl), ...strings(en)].filter((s) => s.trim() === '')).toEqual([]);
  });

  it('embed the widget with one script tag on the demo page, and show that tag', () => {
    const html = renderDemoPage({ ...context, locale: 'nl' });
    expect(html).toContain('<html lang="nl">');
    expect(html.match(/<script /g)).toHaveLength(1);
    expect(html).toContain('<script src="/widget.js" data-locale="nl" async></script>');
    expect(html).toContain('&lt;script src=&quot;https://chat.example/widget.js&quot; data-locale=&quot;nl&quot; async&gt;&lt;/script&gt;');
  });

  it('cover AI use, sub-processors, retention and rights in the privacy notice, with the human routes', () => {
    const html = renderPrivacyPage({ ...context, locale: 'en' });
    for (const part of ['AI assistant', 'Twilio', 'Slack', 'hosting', '365 days', 'European Union', 'processor', 'Autoriteit Persoonsgegevens', 'BSN']) expect(html).toContain(part);
    expect(html).toContain('<a href="tel:+31201234567">+31 20 123 4567</a>');
    expect(html).toContain('<a href="mailto:klantenservice@voorbeeldwinkel.example">');
  });

  it('offer the chat itself as the route to a person when the organisation gave no phone or e-mail', () => {
    const html = renderAccessibilityPage({ ...context, contact: { phone: null, email: null }, locale: 'nl' });
    expect(html).toContain(nl.common.contactNone);
    expect(html).not.toContain('tel:');
    expect(html).toContain('WCAG 2.2');
  });

  it('escape every text and link only http(s) addresses', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(inlineHtml('see [the AP](https://www.autoriteitpersoonsgegevens.nl) <b>')).toBe('see <a href="https://www.autoriteitpersoonsgegevens.nl">the AP</a> &lt;b&gt;');
    expect(inlineHtml('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
    const html = renderDemoPage({ ...context, contact: { phone: '<script>', email: null }, locale: 'en' });
    expect(html).toContain('&lt;script&gt;');
    expect(telHref('+31 (0)20-123 4567')).toBe('tel:+310201234567');
  });

  it('allow their one inline stylesheet by its hash', () => {
    expect(PAGE_STYLE_HASH).toBe(`sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}`);
    expect(renderPrivacyPage({ ...context, locale: 'nl' })).toContain(`<style>${PAGE_STYLE}</style>`);
  });
});
