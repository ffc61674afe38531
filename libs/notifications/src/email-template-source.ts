/** Handlebars sources of one email in one language; `html` is the body inside the shared layout. */
export interface EmailTemplateSource {
  subject: string;
  text: string;
  html: string;
}
