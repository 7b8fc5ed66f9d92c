/* Material for MkDocs takes every <link rel="alternate"> for another language
   version of the site and fetches "sitemap.xml" beside it: beside a JSON file
   that is a 404 in every reader's console, beside the Atom feed a request that
   every page would pay for. Material looks once the document has loaded; this
   script runs before that and gives the links to the feed and the JSON (those
   with a type; a language version has none) a rel that still holds the token
   "alternate" but no longer equals it, so Material's `link[rel=alternate]`
   passes them by. The HTML as served is unchanged. */
document.querySelectorAll('link[rel="alternate"][type]').forEach(function (link) {
  link.setAttribute("rel", "alternate ");
});
