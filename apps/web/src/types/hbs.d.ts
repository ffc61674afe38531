// hbs ships no types; the portal uses only its Handlebars instance.
declare module 'hbs' {
  import type Handlebars from 'handlebars';

  const hbs: { handlebars: typeof Handlebars };
  export default hbs;
}
