/** The action's version, sent in the User-Agent. A test keeps it equal to package.json's. */
export const ACTION_NAME = 'seedance-action'
export const ACTION_VERSION = '1.0.0'
