; Included by electron-builder's NSIS script (nsis.include in electron-builder.yml).
;
; Uninstalling removes the "Start at login" entry PortLens's tray menu may have made
; (app.setLoginItemSettings writes a Run value named by the AppUserModelId, dev.portlens.app,
; and its StartupApproved twin), so Windows does not try to start a program that is gone.
; Not on an update: the old version's uninstaller runs then too, and the setting must survive.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "dev.portlens.app"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "dev.portlens.app"
  ${endIf}
!macroend
