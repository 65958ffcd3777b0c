; CallPop's additions to electron-builder's assisted NSIS installer (included via nsis.include).
; Per-user install: %LOCALAPPDATA%\Programs\CallPop\CallPop.exe, no administrator rights.

; The finish page says how to connect the 3CX Assistant, with the real installed path.
!macro customFinishPage
  Function StartApp
    ${if} ${isUpdated}
      StrCpy $1 "--updated"
    ${else}
      StrCpy $1 ""
    ${endif}
    ${StdUtils.ExecShellAsUser} $0 "$launchLink" "open" "$1"
  FunctionEnd

  !define MUI_FINISHPAGE_TITLE "CallPop is installed"
  !define MUI_FINISHPAGE_TEXT_LARGE
  !define MUI_FINISHPAGE_TEXT `To get a card for every call, point the 3CX Assistant at CallPop's notifier:$\r$\n$\r$\n1. Open the 3CX Assistant: File > Preferences > Options.$\r$\n2. In "Call CRM Executable", enter:$\r$\n      $INSTDIR\callpop-notify.exe$\r$\n   (for a standard install: %LOCALAPPDATA%\Programs\CallPop\callpop-notify.exe)$\r$\n3. Click OK. The next call opens a CallPop card.$\r$\n$\r$\ncallpop-notify.exe hands each call to the running CallPop in a few milliseconds and starts CallPop when it is not running. An Assistant already set to $INSTDIR\${APP_EXECUTABLE_FILENAME} keeps working, only slower.$\r$\n$\r$\nCallPop starts at login and waits in the tray. Its settings file is in %APPDATA%\CallPop\settings.json; an IT department can provide defaults in %ProgramData%\CallPop\config.json.`
  !define MUI_FINISHPAGE_RUN
  !define MUI_FINISHPAGE_RUN_TEXT "Start CallPop now"
  !define MUI_FINISHPAGE_RUN_FUNCTION "StartApp"
  !insertmacro MUI_PAGE_FINISH
!macroend

; CallPop writes its own login item (app.setLoginItemSettings, value name = its AppUserModelId).
; Remove it on a real uninstall; an update keeps it (the new version writes it again anyway).
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "nl.callpop.app"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "nl.callpop.app"
  ${endif}
!macroend
