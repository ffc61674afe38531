import type { TestCitizen } from './test-citizens';

// Plain server-rendered HTML: the forms work without JavaScript, and the page has no
// external assets so the stand-in runs offline.

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f3f5f8;line-height:1.5}
  header{background:#0047b3;color:#fff;padding:.75rem 1rem;font-weight:700;font-size:1.25rem}
  main{max-width:30rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.2)}
  h1{font-size:1.5rem;margin-top:0}
  .notice{background:#fff4d6;border-left:.25rem solid #8a6100;padding:.5rem .75rem}
  fieldset{border:0;padding:0;margin:1rem 0}
  legend{font-weight:700;margin-bottom:.5rem}
  ul{list-style:none;padding:0;margin:0}
  li{margin:.5rem 0}
  button{width:100%;min-height:2.75rem;font:inherit;font-weight:700;padding:.5rem 1rem;border-radius:.25rem;cursor:pointer;text-align:left}
  .citizen{background:#0047b3;color:#fff;border:2px solid #0047b3}
  .citizen:hover{background:#00368a}
  .cancel{background:#fff;color:#0047b3;border:2px solid #0047b3;text-align:center}
  button:focus-visible{outline:3px solid #d0471b;outline-offset:2px}
  .note{display:block;font-weight:400;font-size:.9rem}
`;

export interface LoginPageModel {
  readonly uid: string;
  readonly clientId: string;
  readonly citizens: readonly TestCitizen[];
}

export function renderLoginPage(model: LoginPageModel): string {
  const base = `/interaction/${encodeURIComponent(model.uid)}`;
  const items = model.citizens
    .map((citizen) => {
      const note = citizen.note ? `<span class="note">${escapeHtml(citizen.note)}</span>` : '';
      return (
        `<li><button type="submit" class="citizen" name="citizen" value="${escapeHtml(citizen.sub)}">` +
        `${escapeHtml(citizen.name)}${note}</button></li>`
      );
    })
    .join('\n        ');
  return page(
    'Log på med MitID (testmiljø)',
    `<h1>Log på med MitID (testmiljø)</h1>
    <p>Du er ved at logge på hos <strong>${escapeHtml(model.clientId)}</strong>.</p>
    <p class="notice">Dette er en testudgave af MitID til demo og test. Vælg en testborger; der bruges ikke rigtigt MitID.</p>
    <form method="post" action="${base}/login">
      <fieldset>
        <legend>Vælg testborger</legend>
        <ul>
        ${items}
        </ul>
      </fieldset>
    </form>
    <form method="post" action="${base}/abort">
      <button type="submit" class="cancel">Afbryd</button>
    </form>`,
  );
}

export function renderErrorPage(heading: string, message: string): string {
  return page(heading, `<h1>${escapeHtml(heading)}</h1>\n    <p>${escapeHtml(message)}</p>`);
}

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <header>MitID testmiljø</header>
  <main>
    ${content}
  </main>
</body>
</html>
`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
