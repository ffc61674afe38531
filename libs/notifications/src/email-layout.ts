import { t, type Locale } from '@kk/texts';

/** Words of the shared frame, from the text catalogue; the support texts themselves come from tenant.yaml. */
export function layoutLabels(locale: Locale): { phone: string; email: string; hours: string; automatic: string } {
  return {
    phone: t(locale, 'contact.phone'),
    email: t(locale, 'contact.email'),
    hours: t(locale, 'email.layout.openingHours'),
    automatic: t(locale, 'email.layout.automatic'),
  };
}

// Plain text is what many mail apps show in previews and what screen readers read best.
export const TEXT_LAYOUT = `{{{body}}}

-- 
{{productName}}, {{displayName}}
{{support.text}}
{{#if support.phone}}{{labels.phone}}: {{support.phone}}
{{/if}}{{#if support.email}}{{labels.email}}: {{support.email}}
{{/if}}{{#if support.hours}}{{labels.hours}}: {{support.hours}}
{{/if}}{{labels.automatic}}
`;

// Table layout and inline styles: many mail clients ignore <style> blocks and flexbox. The tenant's
// colours passed the WCAG contrast checks against its background when tenant.yaml was loaded.
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background-color:#f2f2f2">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f2f2f2">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:{{theme.backgroundColor}};color:{{theme.textColor}};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<tr><td style="background-color:{{theme.primaryColor}};color:{{theme.backgroundColor}};padding:16px 24px;font-size:20px;font-weight:bold">{{productName}}</td></tr>
<tr><td style="padding:24px">
{{{body}}}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #d0d0d0;font-size:14px">
<p style="margin:0 0 8px"><strong>{{productName}}</strong>, {{displayName}}</p>
<p style="margin:0 0 8px">{{support.text}}</p>
{{#if support.phone}}<p style="margin:0">{{labels.phone}}: <a href="tel:{{support.phoneDigits}}" style="color:{{theme.primaryColor}}">{{support.phone}}</a></p>
{{/if}}{{#if support.email}}<p style="margin:0">{{labels.email}}: <a href="mailto:{{support.email}}" style="color:{{theme.primaryColor}}">{{support.email}}</a></p>
{{/if}}{{#if support.hours}}<p style="margin:0">{{labels.hours}}: {{support.hours}}</p>
{{/if}}<p style="margin:8px 0 0">{{labels.automatic}}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

export const HTML_PARTIALS = {
  // A link styled as a button, followed by the address itself for clients that block styling.
  button: `<p style="margin:0 0 8px"><a href="{{href}}" style="display:inline-block;padding:12px 20px;background-color:{{theme.primaryColor}};color:{{theme.backgroundColor}};text-decoration:none;font-weight:bold;border-radius:4px">{{label}}</a></p>
<p style="margin:0 0 16px;font-size:13px;word-break:break-all"><a href="{{href}}" style="color:{{theme.primaryColor}}">{{href}}</a></p>
`,
  code: `<p style="margin:0 0 16px;font-family:'Courier New',Courier,monospace;font-size:36px;font-weight:bold;letter-spacing:8px;color:{{theme.primaryColor}}">{{code}}</p>
`,
};
