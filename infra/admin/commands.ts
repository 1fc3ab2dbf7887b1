// What an operator does in the deployed user pool: create a seller, buyer or operator (the role and
// party id are immutable attributes, which the pre-token-generation trigger puts in the access
// token), and sign in to get a token for curl, through the password, MFA set-up and MFA challenges.

import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../../shared/app/common/access.js';
import { PARTY_CLAIM, ROLE_CLAIM } from '../../shared/http/principal.js';

export interface NewUser {
  userPoolId: string;
  email: string;
  role: Role;
  partyId: string;
}

export async function createUser(cognito: CognitoIdentityProviderClient, user: NewUser): Promise<string> {
  if (!(ROLES as readonly string[]).includes(user.role)) throw new Error(`--role is one of ${ROLES.join(', ')}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(user.partyId))
    throw new Error('--party is the seller or buyer id: letters, digits, - _ . (up to 64)');
  const { User } = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: user.userPoolId,
      Username: user.email,
      // Cognito e-mails a temporary password; the first sign-in sets a new one and the authenticator app.
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: ROLE_CLAIM, Value: user.role },
        { Name: PARTY_CLAIM, Value: user.partyId },
      ],
    }),
  );
  return User?.Username ?? user.email;
}

/** Asks the person at the keyboard; `secret` answers are not echoed. */
export type Ask = (question: string, secret?: boolean) => Promise<string>;

/**
 * USER_PASSWORD_AUTH, answering each challenge Cognito sets: a new password the first time, the
 * authenticator app's set-up (MFA is required), then its code. Answers the access token.
 */
export async function signIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  ask: Ask,
  say: (line: string) => void,
): Promise<string> {
  let step: InitiateAuthCommandOutput = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: await ask('Password: ', true) },
    }),
  );
  for (let round = 0; round < 5 && !step.AuthenticationResult; round++) {
    const session = step.Session;
    switch (step.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED':
        step = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: session,
            ChallengeResponses: {
              USERNAME: email,
              NEW_PASSWORD: await ask('New password (12+ characters, upper, lower, digit, symbol): ', true),
            },
          }),
        );
        break;
      case 'MFA_SETUP': {
        const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: session }));
        say(
          `Add this to your authenticator app: ` +
            `otpauth://totp/order-claims:${encodeURIComponent(email)}?secret=${associated.SecretCode}&issuer=order-claims`,
        );
        const verified = await cognito.send(
          new VerifySoftwareTokenCommand({
            Session: associated.Session,
            UserCode: await ask('Code from the app: '),
            FriendlyDeviceName: 'authenticator',
          }),
        );
        step = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'MFA_SETUP',
            Session: verified.Session,
            ChallengeResponses: { USERNAME: email },
          }),
        );
        break;
      }
      case 'SOFTWARE_TOKEN_MFA':
        step = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            Session: session,
            ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: await ask('Code from the app: ') },
          }),
        );
        break;
      default:
        throw new Error(
          `Cognito asks for ${step.ChallengeName ?? 'nothing known'}, which this command does not answer`,
        );
    }
  }
  const token = step.AuthenticationResult?.AccessToken;
  if (!token) throw new Error('Cognito gave no token');
  return token;
}
