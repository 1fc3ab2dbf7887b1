// The operator's commands against a mocked Cognito: the user is created with the immutable role and
// party id; signing in answers each challenge of a first sign-in and ends with the access token.
import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, signIn } from '../../infra/admin/commands.js';

const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());

describe('npm run admin', () => {
  it('create-user gives the user the role and party id the API reads, and refuses an unknown role', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'shop@example.jp' } });
    await createUser(new CognitoIdentityProviderClient({}), {
      userPoolId: 'pool-1',
      email: 'shop@example.jp',
      role: 'seller',
      partyId: 'S-1',
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'pool-1',
      Username: 'shop@example.jp',
      UserAttributes: expect.arrayContaining([
        { Name: 'custom:role', Value: 'seller' },
        { Name: 'custom:party_id', Value: 'S-1' },
      ]),
    });
    await expect(
      createUser(new CognitoIdentityProviderClient({}), {
        userPoolId: 'p',
        email: 'a@b.example',
        role: 'admin' as never,
        partyId: 'X',
      }),
    ).rejects.toThrow(/--role/);
  });

  it('sign-in: the first time, a new password and the authenticator app; then the access token', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1' });
    cognito
      .on(RespondToAuthChallengeCommand, { ChallengeName: 'NEW_PASSWORD_REQUIRED' })
      .resolves({ ChallengeName: 'MFA_SETUP', Session: 's2' })
      .on(RespondToAuthChallengeCommand, { ChallengeName: 'MFA_SETUP' })
      .resolves({ AuthenticationResult: { AccessToken: 'access-token' } });
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: 'SECRET', Session: 's3' });
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS', Session: 's4' });
    const answers = ['temporary', 'New-password-123!', '123456'];
    const said: string[] = [];
    const token = await signIn(
      new CognitoIdentityProviderClient({}),
      'client-1',
      'shop@example.jp',
      async () => answers.shift()!,
      (line) => said.push(line),
    );
    expect(token).toBe('access-token');
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toMatchObject({
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'shop@example.jp', PASSWORD: 'temporary' },
    });
    expect(cognito.commandCalls(VerifySoftwareTokenCommand)[0]!.args[0].input).toMatchObject({
      Session: 's3',
      UserCode: '123456',
    });
    expect(said.join('\n')).toContain('secret=SECRET');
  });
});
