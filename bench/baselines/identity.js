// Baseline 1 for table 1: a CloudFront Function that returns the request untouched (the cost of calling
// any function at all). Same file shape as the built function: cloudfront import, top-level handler.
import cf from "cloudfront";
function handler(event) {
  return event.request;
}
