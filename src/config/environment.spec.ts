import 'reflect-metadata';
import { buildAppConfig } from './app-config';
import { validateEnvironment } from './environment';

describe('the document store variables', () => {
  const s3 = {
    DOCUMENT_STORE: 's3',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_BUCKET: 'ladder-documents',
    S3_ACCESS_KEY_ID: 'key',
    S3_SECRET_ACCESS_KEY: 'secret',
    S3_FORCE_PATH_STYLE: 'true',
  };

  it('defaults to the filesystem store', () => {
    const config = buildAppConfig(validateEnvironment({}));
    expect(config.documents).toMatchObject({ store: 'fs', s3: null });
  });

  it('reads the S3 store from S3_*', () => {
    const config = buildAppConfig(validateEnvironment(s3));
    expect(config.documents.store).toBe('s3');
    expect(config.documents.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'ladder-documents',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
  });

  it('leaves the credentials to the SDK when none are given', () => {
    const { S3_ACCESS_KEY_ID: _k, S3_SECRET_ACCESS_KEY: _s, ...noKeys } = s3;
    const config = buildAppConfig(validateEnvironment(noKeys));
    expect(config.documents.s3).not.toHaveProperty('credentials');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['an unknown store', { DOCUMENT_STORE: 'ftp' }, /DOCUMENT_STORE/],
    ['s3 without a bucket', { ...s3, S3_BUCKET: '' }, /S3_BUCKET: required when DOCUMENT_STORE=s3/],
    ['a key without its secret', { ...s3, S3_SECRET_ACCESS_KEY: '' }, /set both or neither/],
    ['an endpoint that is not a URL', { ...s3, S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT/],
    ['a bad bucket name', { ...s3, S3_BUCKET: 'Bad_Bucket' }, /S3_BUCKET must be a bucket name/],
  ])('refuses %s at start', (_name, env, message) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });
});
