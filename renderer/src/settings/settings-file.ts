// The settings file's rules live in shared/ (main writes the file, since only main holds the
// secrets); the screen reads an imported file with the same functions.
export { exportableSettings, importPatch, type ImportResult } from '../../../shared/settings-file';
