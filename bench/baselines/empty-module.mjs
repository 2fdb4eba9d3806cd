// Baseline for table 2's cold load: the cheapest ES module Node can import.
export {};
