// A browser walk through several pages takes seconds on an idle machine and can take a minute on a loaded
// two-core CI runner that runs another Jest worker beside it. Jest reads `testTimeout` only from the top-level
// configuration, so the e2e project sets its own here. Not a speed check: a hang still fails.
jest.setTimeout(180_000);
