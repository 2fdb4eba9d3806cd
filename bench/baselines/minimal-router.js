// Baseline 2 for table 1: only what PostHog's own proxy guides do, in the same cloudfront-js-2.0 style:
// /static/ and /array/ to the assets host, everything else to the main host.
import cf from "cloudfront";
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf("/static/") === 0 || uri.indexOf("/array/") === 0) {
    cf.selectRequestOriginById("posthog-proxy-assets");
  } else {
    cf.selectRequestOriginById("posthog-proxy-main");
  }
  return request;
}
