import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { PAGE_STYLE } from './page-style';

/** The texts of gateway-web's pages (demo shop, privacy notice, accessibility statement), per language. */
export type PageTexts = typeof nl;
export type PageLocale = 'nl' | 'en';

export const PAGE_TEXTS: Record<PageLocale, PageTexts> = { nl, en };

interface Section {
  heading: string;
  paragraphs: string[];
  items: string[];
}

/** The organisation's human routes as the pages show them (tenant settings). */
export interface PageContact {
  phone: string | null;
  email: string | null;
}

export interface PageContext {
  locale: PageLocale;
  contact: PageContact;
  /** The widget's script URL as a customer would write it (shown on the demo page). */
  widgetScriptUrl: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Plain text with `[label](https://…)` links; everything is escaped, only http(s) links become anchors. */
export function inlineHtml(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g)) {
    parts.push(escapeHtml(text.slice(last, match.index)));
    parts.push(`<a href="${escapeHtml(match[2]!)}">${escapeHtml(match[1]!)}</a>`);
    last = match.index + match[0].length;
  }
  parts.push(escapeHtml(text.slice(last)));
  return parts.join('');
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function otherLocale(locale: PageLocale): PageLocale {
  return locale === 'nl' ? 'en' : 'nl';
}

/** A tel: URI from a phone number as people write it ("+31 20 123 4567" → tel:+31201234567). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** The organisation's human routes as a list (phone, e-mail, the chat's own button), or the "ask in the chat" line. */
function contactList(texts: PageTexts, contact: PageContact): string {
  const items: string[] = [];
  if (contact.phone) {
    const link = `<a href="${escapeHtml(telHref(contact.phone))}">${escapeHtml(contact.phone)}</a>`;
    items.push(`<li>${fill(escapeHtml(texts.common.contactPhone), { phone: link })}</li>`);
  }
  if (contact.email) {
    const link = `<a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>`;
    items.push(`<li>${fill(escapeHtml(texts.common.contactEmail), { email: link })}</li>`);
  }
  items.push(`<li>${escapeHtml(texts.common.contactChat)}</li>`);
  const none = !contact.phone && !contact.email ? `<p>${escapeHtml(texts.common.contactNone)}</p>` : '';
  return `${none}<ul>${items.join('')}</ul>`;
}

function sectionHtml(section: Section): string {
  const paragraphs = section.paragraphs.map((p) => `<p>${inlineHtml(p)}</p>`).join('');
  const items = section.items.length ? `<ul>${section.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</ul>` : '';
  return `<section><h2>${escapeHtml(section.heading)}</h2>${paragraphs}${items}</section>`;
}

/** The frame every page shares: language, skip link, header with menu and language switch, footer. */
function layout(context: PageContext, path: string, title: string, body: string, after = ''): string {
  const texts = PAGE_TEXTS[context.locale];
  const other = otherLocale(context.locale);
  const otherName = PAGE_TEXTS[other].common.languageName;
  return `<!doctype html>
<html lang="${context.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(texts.common.skipToContent)}</a>
<header class="site"><div class="bar">
<p class="logo">${escapeHtml(texts.common.shopName)}</p>
<nav aria-label="${escapeHtml(texts.common.mainMenu)}"><ul>
<li><a href="/?lang=${context.locale}">${escapeHtml(texts.common.home)}</a></li>
<li><a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${escapeHtml(otherName)}</a></li>
</ul></nav>
</div></header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><div class="bar">
<p>${escapeHtml(texts.common.fictional)}</p>
<nav aria-label="${escapeHtml(texts.common.footerMenu)}"><ul>
<li><a href="/privacy?lang=${context.locale}">${escapeHtml(texts.common.privacy)}</a></li>
<li><a href="/accessibility?lang=${context.locale}">${escapeHtml(texts.common.accessibility)}</a></li>
</ul></nav>
</div></footer>
${after}
</body>
</html>
`;
}

/**
 * The demo page: a sample shop ("Voorbeeldwinkel") that embeds the widget with one
 * script tag, exactly as a customer's site would.
 */
export function renderDemoPage(context: PageContext): string {
  const t = PAGE_TEXTS[context.locale].demo;
  const tag = `<script src="${context.widgetScriptUrl}" data-locale="${context.locale}" async></script>`;
  const products = t.products
    .map((p) => `<li><h3>${escapeHtml(p.name)}</h3><p>${escapeHtml(p.description)}</p><p class="price">${escapeHtml(p.price)}</p></li>`)
    .join('');
  const body = `<h1>${escapeHtml(t.heading)}</h1>
<p class="note">${escapeHtml(t.intro)}</p>
<h2 id="products">${escapeHtml(t.productsHeading)}</h2>
<ul class="products">${products}</ul>
<h2 id="service">${escapeHtml(t.serviceHeading)}</h2>
${t.service.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}
<p>${escapeHtml(t.serviceRoutes)}</p>
${contactList(PAGE_TEXTS[context.locale], context.contact)}
<h2 id="embed">${escapeHtml(t.embedHeading)}</h2>
<p>${escapeHtml(t.embedIntro)}</p>
<pre><code>${escapeHtml(tag)}</code></pre>
<p>${escapeHtml(t.embedAfter)}</p>`;
  // The real tag: the same one the page shows, relative to this host.
  return layout(context, '/', t.title, body, `<script src="/widget.js" data-locale="${context.locale}" async></script>`);
}

function documentPage(context: PageContext, path: string, page: PageTexts['privacy'] | PageTexts['accessibility']): string {
  const body = `<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.intro)}</p>
${page.sections.map(sectionHtml).join('\n')}
<section><h2>${escapeHtml(page.contactHeading)}</h2>${contactList(PAGE_TEXTS[context.locale], context.contact)}</section>
<p>${escapeHtml(page.updated)}</p>`;
  return layout(context, path, page.title, body);
}

/** The platform's privacy notice (R23): AI use, what is processed, sub-processors, retention, rights, a person. */
export function renderPrivacyPage(context: PageContext): string {
  return documentPage(context, '/privacy', PAGE_TEXTS[context.locale].privacy);
}

/** The platform's accessibility statement (R27), with the phone and e-mail route for people who cannot use chat. */
export function renderAccessibilityPage(context: PageContext): string {
  return documentPage(context, '/accessibility', PAGE_TEXTS[context.locale].accessibility);
}
