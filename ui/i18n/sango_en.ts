<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ResultText</name>
    <message>
        <source>This terminal has a problem and nothing was recorded. The staff will take care of it; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something could not be done on this terminal. The staff will take care of it; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the municipal office is down. This does not affect your care; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left on the coupon: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please show your coupon&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the type of care, then scan the coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session opened. Scan the coupon again at the end to close it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session closed: %1 billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already recorded a moment ago — nothing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat scan within seconds: ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No time was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session cancelled: %1 from %2. Nothing is billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality will confirm your coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed id not verified here: recorded as unverified, the ledger decides. Scan the QR code at the end if you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All the care time left on the coupon was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capped: the session ran past the coupon&apos;s balance; only what was left was billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unverified coupon: recorded, the ledger decides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff: please sign in first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait a moment: the staff need to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is signed in. Sign in with your staff id and PIN, then scan again. Nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff are signing in. Please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store was found in the data directory. Ask a manager to set up this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was entered is not valid. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay-in care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultWords</name>
    <message>
        <source>This does not seem to be your care coupon&apos;s QR code. Please show the coupon&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon could not be read. Please show it again; the staff can also type in its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon cannot be checked here. Please contact the municipal office that issued it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon cannot be checked right now. The staff will try again; if it still does not work, please contact the municipal office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon could not be confirmed as genuine. Please contact the municipal office that issued it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a problem with the details of your coupon. Please contact the municipal office that issued it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer details of your coupon do not match. Please contact the municipal office that issued it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon cannot be used yet. Please use it from its start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon&apos;s validity period has ended. Please contact the municipal office.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon has been switched to paper tickets. Please use your paper ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no care time left on your coupon. Please ask the staff or the municipal office what you can do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon cannot be used for this type of care here. Please ask the staff about other options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coupon number could not be confirmed. Please show the coupon&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal is not ready yet. The staff will take care of it; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff need to check something on their side. Please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs a manager&apos;s help. Please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The care record could not be found. The staff will check it; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This care can no longer be cancelled here. If needed, the staff will ask a manager to correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The times entered are not correct. The staff will check them; please wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This care was already cancelled. Nothing else was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This paper ticket has already been recorded. Please check with the staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This QR code is not a care coupon. Ask the mother to show the coupon&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code could not be read correctly. Scan it again, or type the coupon id printed under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon is signed in a way this terminal does not accept. Do not accept it; contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon was signed with a key this terminal does not know. Sync with the ledger and scan again; if it still fails, contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon&apos;s signature is not valid: it may be altered or fake. Do not accept it; ask the mother to contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon&apos;s contents are invalid. Do not accept it; ask the mother to contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon names a different municipality from the key that signed it. Do not accept it; contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon is not valid yet. Check the terminal&apos;s clock; if it is right, ask the mother to come back from the start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon has expired. Check the terminal&apos;s clock; if it is right, ask the mother to contact the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No care time is left on this coupon. The session was not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon or this provider does not cover this type of care. Check the service type; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon id was never verified here and cannot be accepted as typed. Scan the QR code, or check the id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal is not enrolled with the municipality yet. Ask a manager to enrol it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff id is not registered on this terminal. Check the id or ask a manager to add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a manager may do this. Ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such session was found. Check the session id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel window for this session has passed. Ask a manager to make a correction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The times are not valid: the stop must be after the start and not in the future. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session was already cancelled. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This paper ticket number was already recorded. Check the number; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup lacks events that the current store holds: restoring it would lose them. Nothing was changed. Back up the current store first, and restore with --force only if you mean to go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trust store holds a published test key, so it was refused. Use the trust store the municipality gave you; only for a demonstration, add --demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That PIN is not right. Enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, or ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store already exists here and was not overwritten. Use another data directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s key is wrong. Use the store&apos;s own key file or restore it from backup. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is damaged. Stop using this terminal and restore the store from backup, or contact support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Nothing was recorded. Free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store cannot be written (read-only, or in use by another program). Nothing was recorded. Check permissions or close the other program, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store could not be read or written. Nothing was recorded. Check the disk and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event log&apos;s chain is broken: records may have been altered. Leave the store as it is and contact support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A configuration file is not valid. Fix the file and try again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not available yet in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipal ledger cannot be reached. Check the network and try again later; scans are still recorded on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified. Ask the administrator to check the ledger URL and the certificate settings. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger refused the request. See the reason shown; everything recorded on this terminal is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger had an error. Try again later; everything recorded on this terminal is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error occurred. Contact support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronised: the ledger has every event sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality revoked this terminal (reported lost or retired): the ledger refuses its syncs and it no longer tries. Scans are still recorded here. Ask the municipality what to do; a terminal found again must be enrolled anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality suspended this provider: the ledger refuses the syncs of all its terminals. Scans are still recorded here and are sent once the provider is resumed. Ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger asked this terminal to wait: too many requests in a short time. The sync tries again later by itself; if this stays, ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger refused the sync (%1). Scans are still recorded here. Ask the municipality or support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be reached: check the network. Scans are recorded here and sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified, so nothing was sent. Ask the municipality or support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger answered with an error. The sync tries again later by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync failed (%1). It tries again later by itself; if this stays, ask support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped: terminal revoked by the municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped: provider suspended by the municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger busy: retrying later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync refused: see the Sync tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger worked out other figures for this session (date, times or billed minutes) from the times recorded. Check the session: correct it if the ledger is right, or ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger already holds this session as closed, with its own figures. Compare them with this terminal&apos;s and correct the session here, or ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger refused the times: the stop is not after the start, or a time lies in the future. Correct the session&apos;s times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is older than the municipality&apos;s correction window. Ask the municipality to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is too late to cancel this session at the ledger. Ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The municipality never issued this paper ticket number (or not to this coupon). Check the number on the ticket and correct or cancel the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger holds this session with another coupon or start: the two records disagree. Ask the municipality; do not record it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon had been revoked (switched to paper tickets) before this session. Cancel it, or record the care on a paper ticket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon had too little time left at the ledger. Correct the session to what was left, or cancel it, and tell the mother.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger has never issued this coupon id. Check the id the session was opened with; cancel the session if it is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon was not valid at the time of the session. Cancel the session, or ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon or this provider does not cover this type of care at the ledger. Correct the service, or cancel the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger refused the session&apos;s opening, so it cannot take this event. Settle the opening first (correct or cancel the session).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This paper ticket was already used at the ledger. Check the number; cancel the session if it was recorded twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not read this event. Ask support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger refused this event (%1). Ask the municipality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 yen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::cli::Words</name>
    <message>
        <source>No store was found in the data directory. Check --data-dir, or create one with sango init.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup or name it with --key-file. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is in use by another program (the kiosk, `sango sync`, or a restore). Nothing was changed. Stop that program (the kiosk: `systemctl stop sango-kiosk`) or wait for it to finish, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store or backup was made by a newer version of Sango. Nothing was changed. Install that version of Sango or a later one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command or its arguments are not valid. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coupon is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ended. The time was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already scanned a moment ago: nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session cancelled. No time was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper ticket session recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted store created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event log is intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal is enrolled with the municipal ledger. `sango sync` synchronises it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written and checked. The key file (store.key) is not in it: keep the key safe separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store was restored from the backup and checked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ConfinedFileDialog</name>
    <message>
        <source>This folder cannot be opened now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No QR code images here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a QR code image from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a file name (letters, digits, no folders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a plain file: choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a QR code image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removable medium: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no coupons folder and no removable medium: ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no export folder and no removable medium: ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::CorrectionsPage</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month of the sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code of the correction or cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the correction to the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 corrected: %2 minutes billed (reason %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 cancelled: it bills nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::FirstRunScreen</name>
    <message>
        <source>Enter the ledger&apos;s address and the enrolment code the municipality gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling with the ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal has no store yet. Enrol it with the municipal ledger (the municipality gives you an enrolment code), or install the policy files the municipality sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol with the municipal ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install policy files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this terminal (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned ledger key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned ledger key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust store file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the first manager. Managers sign in with their id and PIN to see reports, correct sessions and change settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s staff id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register the manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: this terminal is set up as a demonstration store. It accepts the published test keys, shows DEMO on every screen and report, and must never take real coupons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN (6 to 12 digits)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::MainWindow</name>
    <message>
        <source>Sign in first, then scan the coupon again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sango: postpartum care coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sango kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed coupon id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManagerPage</name>
    <message>
        <source>Managers only: sign in as a manager to use this page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManualEntryPage</name>
    <message>
        <source>Coupon id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 characters, as printed under the QR code: 0–9 and A–Z. Spaces and dashes do not matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon id typed by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or close a session for the typed coupon id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::OpenSessionsView</name>
    <message>
        <source>Opened by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mother left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open sessions cannot be read. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open sessions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unverified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1 · %2 so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If closed now: %1 billed (all the time left on the coupon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If closed now: %1 billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If closed now: cannot be worked out. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the session of coupon %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records the end of this care now and bills the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks for a reason, then cancels this care: no time is billed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why cancel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the session of coupon %1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session of coupon %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::PaperPage</name>
    <message>
        <source>Ticket number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record paper ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as printed on the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper ticket number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop of the care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the paper ticket session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper ticket %1 recorded: %2, %3 billed (session %4).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ReportsPage</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly statement (every session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month of the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ResultPanel</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded, please note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ScanScreen</name>
    <message>
        <source>No camera picture yet. Hold the coupon&apos;s QR code to the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the coupon&apos;s QR code with the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the camera sees: hold the coupon&apos;s QR code in front of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera was found. Connect a camera, or type the coupon id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera chosen in the settings (%1) is not connected. Connect it or choose another camera in the settings, or type the coupon id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera stopped working (%1). Check its cable and start scanning again, or type the coupon id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load QR image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a QR code image from a file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ServicePicker</name>
    <message>
        <source>Care:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care to start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of care (fixed): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan opens a session of this type of care.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SettingsPage</name>
    <message>
        <source>The settings were not saved. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial speed (baud)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service a scan opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out after this long untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipal ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera (and keyboard wedge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard wedge scanner only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial scanner (and keyboard wedge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (typed ids only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care facility (stay and day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home visits (works offline for hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a sound on each scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled: this terminal keeps its records locally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings were not saved: the receipt printer must be a printer&apos;s device, such as /dev/usb/lp0, or the name of a print queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer (device or print queue)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SignInScreen</name>
    <message>
        <source>Enter your staff id, then your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong PIN(s) and sign-in is locked for a few minutes.</source>
        <translation>
            <numerusform>Wrong PIN. %n more wrong PIN and sign-in is locked for a few minutes.</numerusform>
            <numerusform>Wrong PIN. %n more wrong PINs and sign-in is locked for a few minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked for a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::StartupErrorScreen</name>
    <message>
        <source>Sango cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::StatusStrip</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local only (not enrolled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) to check</source>
        <translation>
            <numerusform>%n session to check</numerusform>
            <numerusform>%n sessions to check</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n (oldest %1)</source>
        <translation>
            <numerusform>Waiting to send: %n (oldest %1)</numerusform>
            <numerusform>Waiting to send: %n (oldest %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n</source>
        <translation>
            <numerusform>Waiting to send: %n</numerusform>
            <numerusform>Waiting to send: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in: %1 (manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the scan screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demonstration store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demonstration store: it trusts the published test keys and must never take real coupons.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SyncPage</name>
    <message>
        <source>Sync asked for: the result shows here when the ledger has answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed (to resolve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronise with the ledger now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no: this terminal works offline only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sync not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the ledger says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger&apos;s figures and this terminal&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no figures given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sango::report::ReportRenderer</name>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon / ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billed minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yen per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount (yen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price table version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals per service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount = floor(billed minutes × yen per hour ÷ 60) per service and price period. Cancelled and open sessions count in no total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This report comes from a demonstration store: it is not a real statement and bills nobody.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
