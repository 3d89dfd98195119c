import { createRedactor, isSecretName, MIN_SECRET_LENGTH, NO_REDACTION, REDACTED, secretValues } from '@go-heavy/core';

describe('isSecretName', () => {
  it.each([
    'API_TOKEN',
    'api_token',
    'GITHUB_TOKEN',
    'TOKEN',
    'CLIENT_SECRET',
    'SECRET_KEY_BASE',
    'DB_PASSWORD',
    'PASSWORD',
    'DB_PASS',
    'MYSQL_PWD',
    'STRIPE_KEY',
    'API_KEY',
    'APIKEY',
    'X_APIKEY',
    'AUTH',
    'AUTH_HEADER',
    'AUTHORIZATION',
    'AuthToken',
    'NPM_CONFIG__AUTH',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'aws-credential-file',
    'JWT_PRIVATE_KEY_PEM',
    'service.password',
  ])('%s holds a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['PWD', 'OLDPWD', 'BASE_URL', 'USERS', 'AUTHOR', 'AUTHOR_NAME', 'MONKEY', 'BYPASS', 'TOKENIZER_MODE', 'PASSPORT_ID', 'KEYBOARD', 'NODE_ENV', 'PATH'])('%s does not', (name) =>
    expect(isSecretName(name)).toBe(false),
  );
});

describe('secretValues', () => {
  it('takes the values of secret names from every environment, but not short values or plain settings', () => {
    const values = secretValues([
      { BASE_URL: 'http://127.0.0.1:3000', API_TOKEN: 's3cr3t-value-123', DB_PASS: 'abc', AUTH_ENABLED: 'true', EMPTY_KEY: '' },
      { API_TOKEN: 's3cr3t-value-123', CLIENT_SECRET: 'hunter22', UNSET_TOKEN: undefined },
    ]);
    expect(values.sort()).toEqual(['hunter22', 's3cr3t-value-123']);
    expect(MIN_SECRET_LENGTH).toBe(4);
  });
});

describe('createRedactor', () => {
  const r = createRedactor(['s3cr3t-value-123', 'a"b\\c/d+e=', 'abc']);

  it('replaces every occurrence, in any text', () => {
    expect(r.text('GET /items/s3cr3t-value-123?token=s3cr3t-value-123 failed')).toBe(`GET /items/${REDACTED}?token=${REDACTED} failed`);
    expect(r.text('nothing here, abc stays')).toBe('nothing here, abc stays');
  });

  it('also finds a secret as JSON and URLs write it', () => {
    expect(r.text(JSON.stringify({ token: 'a"b\\c/d+e=' }))).toBe(`{"token":"${REDACTED}"}`);
    expect(r.text(`/login?key=${encodeURIComponent('a"b\\c/d+e=')}`)).toBe(`/login?key=${REDACTED}`);
    expect(r.values).toContain(encodeURIComponent('a"b\\c/d+e='));
  });

  it('replaces a secret that contains another whole', () => {
    const nested = createRedactor(['secret', 'secret-and-more']);
    expect(nested.text('x secret-and-more y secret')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('clipped: a secret cut short at the end of a text is replaced too, from 4 characters on', () => {
    const message = 'GET http://host/items?token=s3cr3t-value-123';
    expect(r.clipped(message.slice(0, -5))).toBe(`GET http://host/items?token=${REDACTED}`);
    expect(r.clipped('token=s3cr')).toBe(`token=${REDACTED}`);
    expect(r.clipped('token=s3c')).toBe('token=s3c');
    expect(r.clipped(message)).toBe(`GET http://host/items?token=${REDACTED}`);
  });

  it('NO_REDACTION and a redactor without secrets change nothing', () => {
    expect(NO_REDACTION.text('s3cr3t-value-123')).toBe('s3cr3t-value-123');
    expect(createRedactor([]).clipped('s3cr3t-value-123')).toBe('s3cr3t-value-123');
  });
});
