import { createHash } from 'node:crypto';

/**
 * The one stylesheet of gateway-web's pages, inlined and allowed by its hash in the
 * Content-Security-Policy. Text contrast ≥ 4.5:1, focus outline 3px (≥ 3:1), reflows at
 * 320 CSS px, no motion. The bottom padding keeps the widget's launcher from covering the
 * last line of a page.
 */
export const PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1f2937;background:#fff}
body{margin:0;overflow-wrap:anywhere}
a{color:#1d4ed8;text-decoration:underline;text-underline-offset:2px}
a:hover{color:#1e3a8a}
a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:8px;top:-60px;background:#fff;padding:8px 12px;border:2px solid #1d4ed8;z-index:10}
.skip:focus{top:8px}
header.site{background:#0f3d2e;color:#fff;padding:12px 16px}
header.site .bar{max-width:60rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;justify-content:space-between}
header.site .logo{font-size:1.375rem;font-weight:700;margin:0}
header.site a{color:#fff;display:inline-block;padding:4px 2px;min-height:24px}
header.site a:focus-visible{outline-color:#fff}
header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
main{max-width:60rem;margin:0 auto;padding:16px 16px 32px}
h1{font-size:1.875rem;line-height:1.25;margin:16px 0 8px}
h2{font-size:1.375rem;line-height:1.3;margin:32px 0 8px}
h3{font-size:1.125rem;margin:16px 0 4px}
p,li{max-width:42rem}
.note{background:#f0f7f4;border:1px solid #4b7f6b;border-radius:8px;padding:12px 16px}
.products{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:16px}
.products li{border:1px solid #6b7280;border-radius:8px;padding:12px 16px}
.products .price{font-weight:700}
pre{background:#f3f4f6;border:1px solid #6b7280;border-radius:6px;padding:12px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9375rem}
footer.site{border-top:1px solid #6b7280;padding:16px 16px 112px;margin-top:32px}
footer.site .bar{max-width:60rem;margin:0 auto}
footer.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:8px 24px}
footer.site a{display:inline-block;padding:2px 0;min-height:24px}
`;

/** `sha256-…` of PAGE_STYLE, for the style-src directive. */
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}`;
