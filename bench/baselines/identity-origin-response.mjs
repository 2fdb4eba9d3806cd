// Baseline for table 2: an origin-response Lambda@Edge handler that returns the origin's response untouched.
export const handler = async (event) => event.Records[0].cf.response;
