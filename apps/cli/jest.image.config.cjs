// `npm run test:image`: the image built from the Dockerfile with buildah and run. Minutes long and
// root only, so apart from `npm test` (whose files end in .test.ts): see test/container-image.image-test.ts.
module.exports = { ...require('../../jest.preset.cjs'), testMatch: ['<rootDir>/test/**/*.image-test.ts'] };
