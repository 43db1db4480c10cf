// Signing is opt-in for `npm run dist` (README, "Signing"). electron-builder signs with the
// certificate in CSC_LINK (or WIN_CSC_LINK) or the keychain identity named by CSC_NAME; on macOS,
// given neither, it would still pick any Developer ID identity it finds in the login keychain.
// Without one of those variables this turns that discovery off, so a developer's Mac builds the
// same unsigned (ad hoc re-signed) app as CI, and notarization (which runs only after signing)
// never starts by surprise.

/** The variables that name a signing certificate. */
export const SIGNING_VARIABLES = ['CSC_LINK', 'CSC_NAME', 'WIN_CSC_LINK'];

/**
 * The environment electron-builder runs in: `env`, plus CSC_IDENTITY_AUTO_DISCOVERY=false when
 * no certificate is named and the person did not set the discovery variable themselves.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function distEnvironment(env) {
  const named = SIGNING_VARIABLES.some((name) => Boolean(env[name]?.trim()));
  if (named || env.CSC_IDENTITY_AUTO_DISCOVERY !== undefined) return env;
  return { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
}
