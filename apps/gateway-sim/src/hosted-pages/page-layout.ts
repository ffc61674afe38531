// Plain server-rendered HTML: the forms work without JavaScript and the pages load nothing
// from elsewhere, so the stand-in runs offline. Colours meet WCAG 2.1 AA contrast on white.

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f3f5f8;line-height:1.5}
  header{color:#fff;padding:.75rem 1rem;font-weight:700;font-size:1.25rem}
  header.nexi{background:#00264d}
  header.mobilepay{background:#1c3aa9}
  main{max-width:30rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.2)}
  h1{font-size:1.5rem;margin-top:0}
  h2{font-size:1.125rem;margin:0 0 .5rem}
  .notice{background:#fff4d6;border-left:.25rem solid #8a6100;padding:.5rem .75rem}
  .field{margin:1rem 0}
  label{display:block;font-weight:700;margin-bottom:.25rem}
  .hint{margin:0 0 .25rem;color:#4a4a4a;font-size:.95rem}
  input{width:100%;font:inherit;padding:.5rem;border:2px solid #5c5c5c;border-radius:.25rem}
  input[aria-invalid="true"]{border-color:#b00020}
  input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #d0471b;outline-offset:2px}
  .error{color:#b00020;font-weight:700;margin:0 0 .25rem}
  .refusal,.error-summary{border:3px solid #b00020;padding:.75rem;margin:1rem 0;border-radius:.25rem}
  .refusal-text{font-weight:700;font-size:1.125rem;margin:0}
  .error-summary ul{margin:0;padding-left:1.25rem}
  .error-summary a{color:#b00020}
  button{width:100%;min-height:2.75rem;font:inherit;font-weight:700;padding:.5rem 1rem;border-radius:.25rem;cursor:pointer;margin:.25rem 0}
  .primary{background:#00264d;color:#fff;border:2px solid #00264d}
  .mobilepay .primary{background:#1c3aa9;border-color:#1c3aa9}
  .secondary{background:#fff;color:#1b1b1b;border:2px solid #5c5c5c}
  a{color:#0b4f9c}
  dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:1rem 0}
  dt{font-weight:700}
  dd{margin:0}
  .small{font-size:.95rem}
`;

export type PageBrand = 'nexi' | 'mobilepay';

const HEADERS: Record<PageBrand, string> = {
  nexi: 'Nexi Checkout (testmiljø)',
  mobilepay: 'MobilePay (testmiljø)',
};

/** A whole page: Danish, one h1 in main, a header landmark naming the test environment. */
export function renderPage(brand: PageBrand, title: string, content: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)} – ${escapeHtml(HEADERS[brand])}</title>
  <style>${STYLE}</style>
</head>
<body class="${brand}">
  <header class="${brand}">${escapeHtml(HEADERS[brand])}</header>
  <main>
    ${content}
  </main>${script === '' ? '' : `\n  <script>${script}</script>`}
</body>
</html>
`;
}

/** A page that only tells something, with an optional way back to the shop. */
export function renderMessagePage(
  brand: PageBrand,
  heading: string,
  message: string,
  back?: { readonly href: string; readonly text: string },
): string {
  const link = back ? `\n    <p><a href="${escapeHtml(back.href)}">${escapeHtml(back.text)}</a></p>` : '';
  return renderPage(brand, heading, `<h1>${escapeHtml(heading)}</h1>\n    <p>${escapeHtml(message)}</p>${link}`);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const KRONER = new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' });

/** Øre as Danes read an amount: 12500 → "125,00 kr.". */
export function kroner(ore: number): string {
  return KRONER.format(ore / 100);
}
