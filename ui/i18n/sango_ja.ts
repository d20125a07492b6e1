<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ResultText</name>
    <message>
        <source>This terminal has a problem and nothing was recorded. The staff will take care of it; please wait a moment.</source>
        <translation>この端末に問題が起きたため、記録されませんでした。スタッフが対応しますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>Something could not be done on this terminal. The staff will take care of it; please wait a moment.</source>
        <translation>この端末で処理できないことがありました。スタッフが対応しますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>The connection to the municipal office is down. This does not affect your care; please wait a moment.</source>
        <translation>市区町村との通信が途切れていますが、ケアには影響ありません。少しお待ちください。</translation>
    </message>
    <message>
        <source>Time left on the coupon: %1</source>
        <translation>クーポンの残り時間：%1</translation>
    </message>
    <message>
        <source>Ready to scan</source>
        <translation>読み取りできます</translation>
    </message>
    <message>
        <source>Please show your coupon&apos;s QR code.</source>
        <translation>クーポンのQRコードを表示してください。</translation>
    </message>
    <message>
        <source>Choose the type of care, then scan the coupon.</source>
        <translation>ケアの種類を選んでから、クーポンを読み取ってください。</translation>
    </message>
    <message>
        <source>Care started</source>
        <translation>ケアを開始しました</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1：%2 から</translation>
    </message>
    <message>
        <source>Session opened. Scan the coupon again at the end to close it.</source>
        <translation>ケアを開始しました。終了時にもう一度クーポンを読み取ってください。</translation>
    </message>
    <message>
        <source>Care recorded: %1</source>
        <translation>ケアを記録しました：%1</translation>
    </message>
    <message>
        <source>Session closed: %1 billed.</source>
        <translation>ケアを終了しました。請求時間：%1。</translation>
    </message>
    <message>
        <source>Already recorded a moment ago — nothing changed</source>
        <translation>少し前に記録済みです。変更はありません</translation>
    </message>
    <message>
        <source>Repeat scan within seconds: ignored.</source>
        <translation>数秒以内の再読み取りのため、無視しました。</translation>
    </message>
    <message>
        <source>Care cancelled</source>
        <translation>ケアを取り消しました</translation>
    </message>
    <message>
        <source>No time was used.</source>
        <translation>時間は差し引かれていません。</translation>
    </message>
    <message>
        <source>Session cancelled: %1 from %2. Nothing is billed.</source>
        <translation>ケアを取り消しました：%1、%2 開始。請求はありません。</translation>
    </message>
    <message>
        <source>The municipality will confirm your coupon.</source>
        <translation>クーポンは市区町村が後で確認します。</translation>
    </message>
    <message>
        <source>Typed id not verified here: recorded as unverified, the ledger decides. Scan the QR code at the end if you can.</source>
        <translation>入力された番号は本端末で確認できないため、未確認として記録しました（台帳が判定します）。終了時はできるだけQRコードを読み取ってください。</translation>
    </message>
    <message>
        <source>All the care time left on the coupon was used.</source>
        <translation>クーポンの残り時間をすべて使いました。</translation>
    </message>
    <message>
        <source>Capped: the session ran past the coupon&apos;s balance; only what was left was billed.</source>
        <translation>上限適用：ケアがクーポンの残り時間を超えたため、残っていた分だけを請求しました。</translation>
    </message>
    <message>
        <source>Unverified coupon: recorded, the ledger decides.</source>
        <translation>未確認のクーポン：記録しました。台帳が判定します。</translation>
    </message>
    <message>
        <source>Staff: please sign in first</source>
        <translation>スタッフの方：先にサインインしてください</translation>
    </message>
    <message>
        <source>Please wait a moment: the staff need to sign in.</source>
        <translation>スタッフがサインインしますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>Nobody is signed in. Sign in with your staff id and PIN, then scan again. Nothing was recorded.</source>
        <translation>誰もサインインしていません。スタッフIDとPINでサインインしてから、もう一度読み取ってください。記録はされていません。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>記録されませんでした</translation>
    </message>
    <message>
        <source>The staff are signing in. Please wait a moment.</source>
        <translation>スタッフがサインイン中です。少しお待ちください。</translation>
    </message>
    <message>
        <source>No store was found in the data directory. Ask a manager to set up this terminal.</source>
        <translation>データディレクトリにストアが見つかりません。管理者にこの端末の設定を依頼してください。</translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup. Nothing was changed.</source>
        <translation>ストアの鍵ファイルがありません。バックアップから復元してください。変更はありません。</translation>
    </message>
    <message>
        <source>What was entered is not valid. Check it and try again.</source>
        <translation>入力内容が正しくありません。確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>Stay-in care</source>
        <translation>宿泊型</translation>
    </message>
    <message>
        <source>Day care</source>
        <translation>通所型（デイケア）</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>訪問型</translation>
    </message>
</context>
<context>
    <name>ResultWords</name>
    <message>
        <source>This does not seem to be your care coupon&apos;s QR code. Please show the coupon&apos;s QR code.</source>
        <translation>これは産後ケアクーポンのQRコードではないようです。クーポンのQRコードを表示してください。</translation>
    </message>
    <message>
        <source>Your coupon could not be read. Please show it again; the staff can also type in its number.</source>
        <translation>クーポンを読み取れませんでした。もう一度表示してください。番号を入力して受け付けることもできます。</translation>
    </message>
    <message>
        <source>Your coupon cannot be checked here. Please contact the municipal office that issued it.</source>
        <translation>このクーポンはここでは確認できません。発行した市区町村の窓口にお問い合わせください。</translation>
    </message>
    <message>
        <source>Your coupon cannot be checked right now. The staff will try again; if it still does not work, please contact the municipal office.</source>
        <translation>ただいまこのクーポンを確認できません。スタッフが確認します。それでも確認できない場合は、発行した市区町村の窓口にお問い合わせください。</translation>
    </message>
    <message>
        <source>Your coupon could not be confirmed as genuine. Please contact the municipal office that issued it.</source>
        <translation>このクーポンが正しいものか確認できませんでした。発行した市区町村の窓口にお問い合わせください。</translation>
    </message>
    <message>
        <source>There is a problem with the details of your coupon. Please contact the municipal office that issued it.</source>
        <translation>クーポンの内容に問題があります。発行した市区町村の窓口にお問い合わせください。</translation>
    </message>
    <message>
        <source>The issuer details of your coupon do not match. Please contact the municipal office that issued it.</source>
        <translation>クーポンの発行元の情報が一致しません。発行した市区町村の窓口にお問い合わせください。</translation>
    </message>
    <message>
        <source>Your coupon cannot be used yet. Please use it from its start date.</source>
        <translation>このクーポンはまだご利用いただけません。利用開始日からお使いください。</translation>
    </message>
    <message>
        <source>Your coupon&apos;s validity period has ended. Please contact the municipal office.</source>
        <translation>このクーポンは有効期限が過ぎています。市区町村の窓口にご相談ください。</translation>
    </message>
    <message>
        <source>This coupon has been switched to paper tickets. Please use your paper ticket.</source>
        <translation>このクーポンは紙の利用券に切り替えられています。紙の利用券をお使いください。</translation>
    </message>
    <message>
        <source>There is no care time left on your coupon. Please ask the staff or the municipal office what you can do.</source>
        <translation>クーポンの利用時間が残っていません。今後のご利用については、スタッフまたは市区町村の窓口にご相談ください。</translation>
    </message>
    <message>
        <source>Your coupon cannot be used for this type of care here. Please ask the staff about other options.</source>
        <translation>このクーポンは、ここではこの種類のケアにお使いいただけません。ほかの方法についてはスタッフにお尋ねください。</translation>
    </message>
    <message>
        <source>Your coupon number could not be confirmed. Please show the coupon&apos;s QR code.</source>
        <translation>クーポン番号を確認できませんでした。クーポンのQRコードを表示してください。</translation>
    </message>
    <message>
        <source>This terminal is not ready yet. The staff will take care of it; please wait a moment.</source>
        <translation>この端末はまだ準備ができていません。スタッフが対応しますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>The staff need to check something on their side. Please wait a moment.</source>
        <translation>スタッフ側で確認が必要です。少しお待ちください。</translation>
    </message>
    <message>
        <source>This needs a manager&apos;s help. Please wait a moment.</source>
        <translation>責任者の確認が必要です。少しお待ちください。</translation>
    </message>
    <message>
        <source>The care record could not be found. The staff will check it; please wait a moment.</source>
        <translation>ケアの記録が見つかりませんでした。スタッフが確認しますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>This care can no longer be cancelled here. If needed, the staff will ask a manager to correct it.</source>
        <translation>このケアはここでは取り消せなくなりました。必要な場合は、スタッフが責任者に訂正を依頼します。</translation>
    </message>
    <message>
        <source>The times entered are not correct. The staff will check them; please wait a moment.</source>
        <translation>入力された時刻が正しくありません。スタッフが確認しますので、少しお待ちください。</translation>
    </message>
    <message>
        <source>This care was already cancelled. Nothing else was changed.</source>
        <translation>このケアはすでに取り消されています。ほかに変更はありません。</translation>
    </message>
    <message>
        <source>This paper ticket has already been recorded. Please check with the staff.</source>
        <translation>この紙の利用券はすでに記録されています。スタッフにご確認ください。</translation>
    </message>
    <message>
        <source>This QR code is not a care coupon. Ask the mother to show the coupon&apos;s QR code.</source>
        <translation>このQRコードは産後ケアクーポンではありません。お母さんにクーポンのQRコードを表示してもらってください。</translation>
    </message>
    <message>
        <source>The QR code could not be read correctly. Scan it again, or type the coupon id printed under it.</source>
        <translation>QRコードを正しく読み取れませんでした。もう一度読み取るか、QRコードの下のクーポン番号を入力してください。</translation>
    </message>
    <message>
        <source>This coupon is signed in a way this terminal does not accept. Do not accept it; contact the municipality.</source>
        <translation>このクーポンは本端末が受け付けない方式で署名されています。受け付けずに、自治体に連絡してください。</translation>
    </message>
    <message>
        <source>This coupon was signed with a key this terminal does not know. Sync with the ledger and scan again; if it still fails, contact the municipality.</source>
        <translation>このクーポンは本端末が知らない鍵で署名されています。台帳と同期してからもう一度読み取り、解決しない場合は自治体に連絡してください。</translation>
    </message>
    <message>
        <source>The coupon&apos;s signature is not valid: it may be altered or fake. Do not accept it; ask the mother to contact the municipality.</source>
        <translation>クーポンの署名が正しくありません（改ざんまたは偽造の可能性があります）。受け付けずに、お母さんから自治体へ問い合わせてもらってください。</translation>
    </message>
    <message>
        <source>The coupon&apos;s contents are invalid. Do not accept it; ask the mother to contact the municipality.</source>
        <translation>クーポンの内容に不備があります。受け付けずに、お母さんから自治体へ問い合わせてもらってください。</translation>
    </message>
    <message>
        <source>This coupon names a different municipality from the key that signed it. Do not accept it; contact the municipality.</source>
        <translation>クーポンの発行自治体が、署名した鍵の自治体と一致しません。受け付けずに、自治体に連絡してください。</translation>
    </message>
    <message>
        <source>This coupon is not valid yet. Check the terminal&apos;s clock; if it is right, ask the mother to come back from the start date.</source>
        <translation>このクーポンはまだ有効期間前です。端末の時計を確認し、正しければ利用開始日以降に来てもらってください。</translation>
    </message>
    <message>
        <source>This coupon has expired. Check the terminal&apos;s clock; if it is right, ask the mother to contact the municipality.</source>
        <translation>このクーポンは有効期限が切れています。端末の時計を確認し、正しければお母さんから自治体へ問い合わせてもらってください。</translation>
    </message>
    <message>
        <source>This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket.</source>
        <translation>このクーポンは紙の利用券への切り替えまたは取り消しにより使えません。紙の利用券を提示してもらってください。</translation>
    </message>
    <message>
        <source>No care time is left on this coupon. The session was not opened.</source>
        <translation>このクーポンには利用できる時間が残っていません。ケアは開始されていません。</translation>
    </message>
    <message>
        <source>This coupon or this provider does not cover this type of care. Check the service type; nothing was recorded.</source>
        <translation>このクーポンまたは本事業所では、この種類のケアは利用できません。サービス種別を確認してください。記録はされていません。</translation>
    </message>
    <message>
        <source>This coupon id was never verified here and cannot be accepted as typed. Scan the QR code, or check the id.</source>
        <translation>このクーポン番号は本端末で確認されたことがなく、手入力では受け付けられません。QRコードを読み取るか、番号を確認してください。</translation>
    </message>
    <message>
        <source>This terminal is not enrolled with the municipality yet. Ask a manager to enrol it.</source>
        <translation>この端末はまだ自治体に登録されていません。管理者に登録を依頼してください。</translation>
    </message>
    <message>
        <source>This staff id is not registered on this terminal. Check the id or ask a manager to add it.</source>
        <translation>このスタッフIDは本端末に登録されていません。IDを確認するか、管理者に登録を依頼してください。</translation>
    </message>
    <message>
        <source>Only a manager may do this. Ask a manager.</source>
        <translation>この操作は管理者のみ行えます。管理者に依頼してください。</translation>
    </message>
    <message>
        <source>No such session was found. Check the session id.</source>
        <translation>該当するケアの記録が見つかりません。セッションIDを確認してください。</translation>
    </message>
    <message>
        <source>The cancel window for this session has passed. Ask a manager to make a correction.</source>
        <translation>このケアは取り消し可能な時間を過ぎています。管理者に訂正を依頼してください。</translation>
    </message>
    <message>
        <source>The times are not valid: the stop must be after the start and not in the future. Check them and try again.</source>
        <translation>時刻が正しくありません。終了は開始より後、かつ現在より前の時刻にしてください。</translation>
    </message>
    <message>
        <source>This session was already cancelled. Nothing was changed.</source>
        <translation>このケアはすでに取り消されています。変更はありません。</translation>
    </message>
    <message>
        <source>This paper ticket number was already recorded. Check the number; nothing was recorded.</source>
        <translation>この紙の利用券の番号はすでに記録されています。番号を確認してください。記録はされていません。</translation>
    </message>
    <message>
        <source>The backup lacks events that the current store holds: restoring it would lose them. Nothing was changed. Back up the current store first, and restore with --force only if you mean to go back.</source>
        <translation>バックアップには、現在のストアにあるイベントの一部が含まれていません。復元するとそれらが失われます。変更はありません。先に現在のストアをバックアップし、以前の状態に戻すつもりの場合のみ --force を付けて復元してください。</translation>
    </message>
    <message>
        <source>The trust store holds a published test key, so it was refused. Use the trust store the municipality gave you; only for a demonstration, add --demo.</source>
        <translation>信頼ストアに公開済みのテスト用の鍵が含まれているため、受け付けませんでした。自治体から受け取った本番用の信頼ストアを使ってください。デモ用の端末の場合のみ --demo を付けてください。</translation>
    </message>
    <message>
        <source>That PIN is not right. Enter it again.</source>
        <translation>PINが違います。もう一度入力してください。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, or ask a manager.</source>
        <translation>PINの誤りが続いたため、しばらくサインインできません。数分待ってからやり直すか、管理者に連絡してください。</translation>
    </message>
    <message>
        <source>A store already exists here and was not overwritten. Use another data directory.</source>
        <translation>ここにはすでにストアがあるため、上書きしませんでした。別のデータディレクトリを指定してください。</translation>
    </message>
    <message>
        <source>The store&apos;s key is wrong. Use the store&apos;s own key file or restore it from backup. Nothing was changed.</source>
        <translation>ストアの鍵が違います。このストア専用の鍵ファイルを使うか、バックアップから復元してください。変更はありません。</translation>
    </message>
    <message>
        <source>The store is damaged. Stop using this terminal and restore the store from backup, or contact support.</source>
        <translation>ストアが破損しています。この端末の使用を中止し、バックアップから復元するか、サポートに連絡してください。</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was recorded. Free some space and try again.</source>
        <translation>ディスクがいっぱいです。記録はされていません。空き容量を確保してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The store cannot be written (read-only, or in use by another program). Nothing was recorded. Check permissions or close the other program, then try again.</source>
        <translation>ストアに書き込めません（読み取り専用か、別のプログラムが使用中です）。記録はされていません。権限を確認するか他のプログラムを終了して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The store could not be read or written. Nothing was recorded. Check the disk and try again.</source>
        <translation>ストアの読み書きに失敗しました。記録はされていません。ディスクを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The event log&apos;s chain is broken: records may have been altered. Leave the store as it is and contact support.</source>
        <translation>イベント記録のつながりが壊れています（改ざんの可能性があります）。ストアはそのままにして、サポートに連絡してください。</translation>
    </message>
    <message>
        <source>A configuration file is not valid. Fix the file and try again. Nothing was changed.</source>
        <translation>設定ファイルが正しくありません。ファイルを修正して、もう一度お試しください。変更はありません。</translation>
    </message>
    <message>
        <source>This is not available yet in this version.</source>
        <translation>この機能は、このバージョンではまだ利用できません。</translation>
    </message>
    <message>
        <source>The municipal ledger cannot be reached. Check the network and try again later; scans are still recorded on this terminal.</source>
        <translation>自治体の台帳に接続できません。ネットワークを確認して、後でもう一度お試しください（読み取りは端末内に記録されます）。</translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified. Ask the administrator to check the ledger URL and the certificate settings. Nothing was sent.</source>
        <translation>台帳の証明書を確認できませんでした。接続先の URL と証明書の設定を管理者に確認してください。送信はしていません。</translation>
    </message>
    <message>
        <source>The ledger refused the request. See the reason shown; everything recorded on this terminal is kept.</source>
        <translation>台帳が要求を受け付けませんでした。表示された理由を確認してください。端末内の記録はそのままです。</translation>
    </message>
    <message>
        <source>The ledger had an error. Try again later; everything recorded on this terminal is kept.</source>
        <translation>台帳でエラーが起きました。後でもう一度お試しください。端末内の記録はそのままです。</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Contact support.</source>
        <translation>予期しないエラーが発生しました。サポートに連絡してください。</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Synchronised: the ledger has every event sent.</source>
        <translation>同期済み：送信したイベントはすべて台帳に届いています。</translation>
    </message>
    <message>
        <source>The municipality revoked this terminal (reported lost or retired): the ledger refuses its syncs and it no longer tries. Scans are still recorded here. Ask the municipality what to do; a terminal found again must be enrolled anew.</source>
        <translation>自治体がこの端末を無効にしました（紛失または廃止の届出）。台帳はこの端末からの同期を拒否し、端末も再試行しません。読み取りは引き続きこの端末に記録されます。対応は自治体に確認してください。見つかった端末は改めて登録し直す必要があります。</translation>
    </message>
    <message>
        <source>The municipality suspended this provider: the ledger refuses the syncs of all its terminals. Scans are still recorded here and are sent once the provider is resumed. Ask the municipality.</source>
        <translation>自治体がこの事業者を停止しました。台帳はこの事業者のすべての端末からの同期を拒否しています。読み取りは引き続きこの端末に記録され、停止が解除されると送信されます。自治体に確認してください。</translation>
    </message>
    <message>
        <source>The ledger asked this terminal to wait: too many requests in a short time. The sync tries again later by itself; if this stays, ask the municipality.</source>
        <translation>短時間に要求が多すぎたため、台帳から待つよう求められました。同期は後で自動的に再試行します。続く場合は自治体に確認してください。</translation>
    </message>
    <message>
        <source>The ledger refused the sync (%1). Scans are still recorded here. Ask the municipality or support.</source>
        <translation>台帳が同期を拒否しました（%1）。読み取りは引き続きこの端末に記録されます。自治体またはサポートに確認してください。</translation>
    </message>
    <message>
        <source>The ledger could not be reached: check the network. Scans are recorded here and sent later.</source>
        <translation>台帳に接続できませんでした。ネットワークを確認してください。読み取りはこの端末に記録され、後で送信されます。</translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified, so nothing was sent. Ask the municipality or support.</source>
        <translation>台帳の証明書を確認できなかったため、何も送信していません。自治体またはサポートに確認してください。</translation>
    </message>
    <message>
        <source>The ledger answered with an error. The sync tries again later by itself.</source>
        <translation>台帳がエラーを返しました。同期は後で自動的に再試行します。</translation>
    </message>
    <message>
        <source>The sync failed (%1). It tries again later by itself; if this stays, ask support.</source>
        <translation>同期に失敗しました（%1）。後で自動的に再試行します。続く場合はサポートに確認してください。</translation>
    </message>
    <message>
        <source>Sync stopped: terminal revoked by the municipality</source>
        <translation>同期停止：自治体が端末を無効化</translation>
    </message>
    <message>
        <source>Sync stopped: provider suspended by the municipality</source>
        <translation>同期停止：自治体が事業者を停止</translation>
    </message>
    <message>
        <source>Ledger busy: retrying later</source>
        <translation>台帳が混雑：後で再試行</translation>
    </message>
    <message>
        <source>Sync refused: see the Sync tab</source>
        <translation>同期が拒否されました：同期タブを参照</translation>
    </message>
    <message>
        <source>The ledger worked out other figures for this session (date, times or billed minutes) from the times recorded. Check the session: correct it if the ledger is right, or ask the municipality.</source>
        <translation>台帳は記録された時刻から、このケアについて別の数値（日付、時刻または請求分数）を算出しました。ケアを確認し、台帳が正しければ訂正するか、自治体に確認してください。</translation>
    </message>
    <message>
        <source>The ledger already holds this session as closed, with its own figures. Compare them with this terminal&apos;s and correct the session here, or ask the municipality.</source>
        <translation>台帳ではこのケアは既に終了済みで、台帳側の数値があります。この端末の数値と比べて、ここでケアを訂正するか、自治体に確認してください。</translation>
    </message>
    <message>
        <source>The ledger refused the times: the stop is not after the start, or a time lies in the future. Correct the session&apos;s times.</source>
        <translation>台帳が時刻を受け付けませんでした。終了が開始より後になっていないか、未来の時刻が含まれています。ケアの時刻を訂正してください。</translation>
    </message>
    <message>
        <source>The session is older than the municipality&apos;s correction window. Ask the municipality to unlock it.</source>
        <translation>このケアは自治体の訂正受付期間を過ぎています。自治体にロック解除を依頼してください。</translation>
    </message>
    <message>
        <source>It is too late to cancel this session at the ledger. Ask the municipality.</source>
        <translation>台帳ではこのケアはもう取り消せません。自治体に確認してください。</translation>
    </message>
    <message>
        <source>The municipality never issued this paper ticket number (or not to this coupon). Check the number on the ticket and correct or cancel the session.</source>
        <translation>自治体はこの紙の利用券番号を発行していません（またはこのクーポン向けではありません）。券面の番号を確認し、ケアを訂正または取り消してください。</translation>
    </message>
    <message>
        <source>The ledger holds this session with another coupon or start: the two records disagree. Ask the municipality; do not record it again.</source>
        <translation>台帳には別のクーポンまたは別の開始時刻でこのケアが記録されており、両者が一致しません。自治体に確認してください。再度記録はしないでください。</translation>
    </message>
    <message>
        <source>The coupon had been revoked (switched to paper tickets) before this session. Cancel it, or record the care on a paper ticket.</source>
        <translation>このケアより前にクーポンが無効化されていました（紙の利用券に切り替え）。ケアを取り消すか、紙の利用券で記録してください。</translation>
    </message>
    <message>
        <source>The coupon had too little time left at the ledger. Correct the session to what was left, or cancel it, and tell the mother.</source>
        <translation>台帳ではクーポンの残り時間が足りませんでした。残っていた分にケアを訂正するか取り消して、お母さんに伝えてください。</translation>
    </message>
    <message>
        <source>The ledger has never issued this coupon id. Check the id the session was opened with; cancel the session if it is wrong.</source>
        <translation>台帳はこのクーポン番号を発行していません。ケアを開始した番号を確認し、誤りであればケアを取り消してください。</translation>
    </message>
    <message>
        <source>The coupon was not valid at the time of the session. Cancel the session, or ask the municipality.</source>
        <translation>ケアの時点でクーポンは有効ではありませんでした。ケアを取り消すか、自治体に確認してください。</translation>
    </message>
    <message>
        <source>The coupon or this provider does not cover this type of care at the ledger. Correct the service, or cancel the session.</source>
        <translation>台帳では、クーポンまたはこの事業者はこの種類のケアの対象外です。サービスを訂正するか、ケアを取り消してください。</translation>
    </message>
    <message>
        <source>The ledger refused the session&apos;s opening, so it cannot take this event. Settle the opening first (correct or cancel the session).</source>
        <translation>台帳がこのケアの開始を拒否したため、このイベントを受け付けられません。先に開始を解決してください（ケアを訂正または取り消し）。</translation>
    </message>
    <message>
        <source>This paper ticket was already used at the ledger. Check the number; cancel the session if it was recorded twice.</source>
        <translation>この紙の利用券は台帳で既に使用済みです。番号を確認し、二重に記録した場合はケアを取り消してください。</translation>
    </message>
    <message>
        <source>The ledger could not read this event. Ask support.</source>
        <translation>台帳がこのイベントを読み取れませんでした。サポートに確認してください。</translation>
    </message>
    <message>
        <source>The ledger refused this event (%1). Ask the municipality.</source>
        <translation>台帳がこのイベントを拒否しました（%1）。自治体に確認してください。</translation>
    </message>
    <message>
        <source>%1 billed</source>
        <translation>請求 %1</translation>
    </message>
    <message>
        <source>%1 actual</source>
        <translation>実績 %1</translation>
    </message>
    <message>
        <source>%1 yen</source>
        <translation>%1 円</translation>
    </message>
</context>
<context>
    <name>sango::cli::Words</name>
    <message>
        <source>No store was found in the data directory. Check --data-dir, or create one with sango init.</source>
        <translation>データディレクトリにストアが見つかりません。--data-dir を確認するか、sango init で作成してください。</translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup or name it with --key-file. Nothing was changed.</source>
        <translation>ストアの鍵ファイルがありません。バックアップから復元するか、--key-file で指定してください。変更はありません。</translation>
    </message>
    <message>
        <source>The store is in use by another program (the kiosk, `sango sync`, or a restore). Nothing was changed. Stop that program (the kiosk: `systemctl stop sango-kiosk`) or wait for it to finish, then try again.</source>
        <translation>ストアは別のプログラム（キオスク、sango sync、または復元処理）が使用中です。変更はありません。そのプログラムを停止するか（キオスクの場合: systemctl stop sango-kiosk）、終了を待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This store or backup was made by a newer version of Sango. Nothing was changed. Install that version of Sango or a later one.</source>
        <translation>このストア（またはバックアップ）は、より新しいバージョンの Sango で作成されています。変更はありません。そのバージョン以降の Sango をインストールしてください。</translation>
    </message>
    <message>
        <source>The command or its arguments are not valid. Check them and try again.</source>
        <translation>コマンドまたは引数が正しくありません。確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The coupon is valid.</source>
        <translation>クーポンは有効です。</translation>
    </message>
    <message>
        <source>Session started.</source>
        <translation>ケアを開始しました。</translation>
    </message>
    <message>
        <source>Session ended. The time was recorded.</source>
        <translation>ケアを終了しました。時間を記録しました。</translation>
    </message>
    <message>
        <source>Already scanned a moment ago: nothing changed.</source>
        <translation>少し前に読み取り済みです。変更はありません。</translation>
    </message>
    <message>
        <source>Session cancelled. No time was used.</source>
        <translation>ケアを取り消しました。時間は差し引かれていません。</translation>
    </message>
    <message>
        <source>Correction recorded.</source>
        <translation>訂正を記録しました。</translation>
    </message>
    <message>
        <source>Paper ticket session recorded.</source>
        <translation>紙の利用券でのケアを記録しました。</translation>
    </message>
    <message>
        <source>Staff member added.</source>
        <translation>スタッフを登録しました。</translation>
    </message>
    <message>
        <source>Encrypted store created.</source>
        <translation>暗号化ストアを作成しました。</translation>
    </message>
    <message>
        <source>The event log is intact.</source>
        <translation>イベント記録に異常はありません。</translation>
    </message>
    <message>
        <source>This terminal is enrolled with the municipal ledger. `sango sync` synchronises it.</source>
        <translation>この端末を自治体の台帳に登録しました。`sango sync` で同期できます。</translation>
    </message>
    <message>
        <source>Backup written and checked. The key file (store.key) is not in it: keep the key safe separately.</source>
        <translation>バックアップを作成し、確認しました。鍵ファイル（store.key）はバックアップに含まれないため、別に保管してください。</translation>
    </message>
    <message>
        <source>The store was restored from the backup and checked.</source>
        <translation>バックアップからストアを復元し、確認しました。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ConfinedFileDialog</name>
    <message>
        <source>This folder cannot be opened now: %1</source>
        <translation>このフォルダーは今は開けません：%1</translation>
    </message>
    <message>
        <source>No QR code images here.</source>
        <translation>ここにはQRコード画像がありません。</translation>
    </message>
    <message>
        <source>Choose a QR code image from the list.</source>
        <translation>一覧からQRコード画像を選んでください。</translation>
    </message>
    <message>
        <source>Type a file name (letters, digits, no folders).</source>
        <translation>ファイル名を入力してください（文字と数字のみ、フォルダーは指定できません）。</translation>
    </message>
    <message>
        <source>%1 is not a plain file: choose another name.</source>
        <translation>%1 は通常のファイルではありません。別の名前にしてください。</translation>
    </message>
    <message>
        <source>Load a QR code image</source>
        <translation>QRコード画像を読み込む</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>帳票を保存</translation>
    </message>
    <message>
        <source>Removable medium: %1</source>
        <translation>外部メディア：%1</translation>
    </message>
    <message>
        <source>Coupons folder</source>
        <translation>クーポンフォルダー</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>保存先フォルダー</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Folders and files</source>
        <translation>フォルダーとファイル</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>ファイル名</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation>一つ上のフォルダーへ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>There is no coupons folder and no removable medium: ask a manager.</source>
        <translation>クーポンフォルダーも外部メディアもありません。管理者に確認してください。</translation>
    </message>
    <message>
        <source>There is no export folder and no removable medium: ask a manager.</source>
        <translation>保存先フォルダーも外部メディアもありません。管理者に確認してください。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::CorrectionsPage</name>
    <message>
        <source>Month</source>
        <translation>対象月</translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation>終了日時</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>理由コード</translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation>訂正を適用</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>ケアを取り消す</translation>
    </message>
    <message>
        <source>Month of the sessions</source>
        <translation>ケアの対象月</translation>
    </message>
    <message>
        <source>Sessions of the month</source>
        <translation>この月のケア一覧</translation>
    </message>
    <message>
        <source>Corrected start</source>
        <translation>訂正後の開始時刻</translation>
    </message>
    <message>
        <source>Corrected stop</source>
        <translation>訂正後の終了時刻</translation>
    </message>
    <message>
        <source>Reason code of the correction or cancellation</source>
        <translation>訂正または取り消しの理由コード</translation>
    </message>
    <message>
        <source>Apply the correction to the selected session</source>
        <translation>選択したケアに訂正を適用</translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation>選択したケアを取り消す</translation>
    </message>
    <message>
        <source>Session %1 corrected: %2 minutes billed (reason %3).</source>
        <translation>ケア %1 を訂正しました：請求 %2 分（理由 %3）。</translation>
    </message>
    <message>
        <source>Session %1 cancelled: it bills nothing.</source>
        <translation>ケア %1 を取り消しました。請求はありません。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::FirstRunScreen</name>
    <message>
        <source>Enter the ledger&apos;s address and the enrolment code the municipality gave you.</source>
        <translation>台帳のアドレスと、自治体から受け取った登録コードを入力してください。</translation>
    </message>
    <message>
        <source>Enrolling with the ledger…</source>
        <translation>台帳に登録しています…</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>2つのPINが一致しません。同じPINを2回入力してください。</translation>
    </message>
    <message>
        <source>Set up this terminal</source>
        <translation>端末の初期設定</translation>
    </message>
    <message>
        <source>This terminal has no store yet. Enrol it with the municipal ledger (the municipality gives you an enrolment code), or install the policy files the municipality sent.</source>
        <translation>この端末にはまだストアがありません。自治体の台帳に登録する（登録コードは自治体から交付されます）か、自治体から送られたポリシーファイルをインストールしてください。</translation>
    </message>
    <message>
        <source>Enrol with the municipal ledger</source>
        <translation>自治体の台帳に登録</translation>
    </message>
    <message>
        <source>Install policy files</source>
        <translation>ポリシーファイルをインストール</translation>
    </message>
    <message>
        <source>Ledger address</source>
        <translation>台帳のアドレス</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>登録コード</translation>
    </message>
    <message>
        <source>Name of this terminal (optional)</source>
        <translation>端末名（任意）</translation>
    </message>
    <message>
        <source>Name of this terminal</source>
        <translation>端末名</translation>
    </message>
    <message>
        <source>CA certificate file (optional)</source>
        <translation>CA証明書ファイル（任意）</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA証明書ファイル</translation>
    </message>
    <message>
        <source>Pinned ledger key (optional)</source>
        <translation>台帳の固定公開鍵（任意）</translation>
    </message>
    <message>
        <source>Pinned ledger key</source>
        <translation>台帳の固定公開鍵</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Terminal id</source>
        <translation>端末ID</translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation>ポリシーファイル</translation>
    </message>
    <message>
        <source>Provider file</source>
        <translation>事業所ファイル</translation>
    </message>
    <message>
        <source>Trust store file</source>
        <translation>トラストストアファイル</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>インストール</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルを選択</translation>
    </message>
    <message>
        <source>Register the first manager. Managers sign in with their id and PIN to see reports, correct sessions and change settings.</source>
        <translation>最初の管理者を登録してください。管理者はIDとPINでサインインして、帳票の確認、ケアの訂正、設定の変更を行います。</translation>
    </message>
    <message>
        <source>Manager&apos;s staff id</source>
        <translation>管理者のスタッフID</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN（確認用）</translation>
    </message>
    <message>
        <source>Register the manager</source>
        <translation>管理者を登録</translation>
    </message>
    <message>
        <source>Demo mode: this terminal is set up as a demonstration store. It accepts the published test keys, shows DEMO on every screen and report, and must never take real coupons.</source>
        <translation>デモモード：この端末はデモ用ストアとして設定されます。公開済みのテスト用の鍵を受け付け、すべての画面と帳票に DEMO と表示されます。本番のクーポンには絶対に使わないでください。</translation>
    </message>
    <message>
        <source>PIN (6 to 12 digits)</source>
        <translation>PIN（6〜12桁）</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::MainWindow</name>
    <message>
        <source>Sign in first, then scan the coupon again.</source>
        <translation>先にサインインしてから、もう一度クーポンを読み取ってください。</translation>
    </message>
    <message>
        <source>Sango: postpartum care coupons</source>
        <translation>Sango：産後ケアクーポン</translation>
    </message>
    <message>
        <source>Sango kiosk</source>
        <translation>Sango 受付端末</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Paper tickets</source>
        <translation>紙の利用券</translation>
    </message>
    <message>
        <source>Typed coupon id</source>
        <translation>番号入力</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation>管理者メニュー</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO デモ</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManagerPage</name>
    <message>
        <source>Managers only: sign in as a manager to use this page.</source>
        <translation>管理者専用です。このページを使うには、管理者としてサインインしてください。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManualEntryPage</name>
    <message>
        <source>Coupon id</source>
        <translation>クーポン番号</translation>
    </message>
    <message>
        <source>16 characters, as printed under the QR code: 0–9 and A–Z. Spaces and dashes do not matter.</source>
        <translation>QRコードの下に印字された16文字（0〜9、A〜Z）。スペースやハイフンは入れても入れなくても構いません。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Coupon id typed by hand</source>
        <translation>手入力したクーポン番号</translation>
    </message>
    <message>
        <source>Open or close a session for the typed coupon id</source>
        <translation>入力した番号のケアを開始または終了</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::OpenSessionsView</name>
    <message>
        <source>Opened by mistake</source>
        <translation>誤って開始した</translation>
    </message>
    <message>
        <source>The mother left</source>
        <translation>お母さんが帰った</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>その他の理由</translation>
    </message>
    <message>
        <source>The open sessions cannot be read. %1</source>
        <translation>実施中のケアを読み込めません。%1</translation>
    </message>
    <message>
        <source>Open sessions: %1</source>
        <translation>実施中のケア：%1 件</translation>
    </message>
    <message>
        <source>No open sessions.</source>
        <translation>実施中のケアはありません。</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Started %1 · %2 so far</source>
        <translation>%1 開始 · 経過 %2</translation>
    </message>
    <message>
        <source>If closed now: %1 billed (all the time left on the coupon)</source>
        <translation>今終了すると：請求 %1（クーポンの残り時間すべて）</translation>
    </message>
    <message>
        <source>If closed now: %1 billed</source>
        <translation>今終了すると：請求 %1</translation>
    </message>
    <message>
        <source>If closed now: cannot be worked out. %1</source>
        <translation>今終了した場合の請求時間を計算できません。%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Close the session of coupon %1</source>
        <translation>クーポン %1 のケアを終了</translation>
    </message>
    <message>
        <source>Records the end of this care now and bills the time.</source>
        <translation>このケアの終了を今の時刻で記録し、時間を請求します。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1</source>
        <translation>クーポン %1 のケアを取り消す</translation>
    </message>
    <message>
        <source>Asks for a reason, then cancels this care: no time is billed.</source>
        <translation>理由を選んでこのケアを取り消します。時間は請求されません。</translation>
    </message>
    <message>
        <source>Why cancel?</source>
        <translation>取り消しの理由は？</translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1: %2</source>
        <translation>クーポン %1 のケアを取り消す：%2</translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation>取り消さない</translation>
    </message>
    <message>
        <source>Keep the session of coupon %1 open</source>
        <translation>クーポン %1 のケアを続ける</translation>
    </message>
    <message>
        <source>Open session of coupon %1</source>
        <translation>クーポン %1 の実施中のケア</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::PaperPage</name>
    <message>
        <source>Ticket number</source>
        <translation>利用券番号</translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation>終了日時</translation>
    </message>
    <message>
        <source>Record paper ticket</source>
        <translation>紙の利用券を記録</translation>
    </message>
    <message>
        <source>as printed on the ticket</source>
        <translation>利用券に記載の番号</translation>
    </message>
    <message>
        <source>Paper ticket number</source>
        <translation>紙の利用券の番号</translation>
    </message>
    <message>
        <source>Start of the care</source>
        <translation>ケアの開始時刻</translation>
    </message>
    <message>
        <source>Stop of the care</source>
        <translation>ケアの終了時刻</translation>
    </message>
    <message>
        <source>Record the paper ticket session</source>
        <translation>紙の利用券のケアを記録</translation>
    </message>
    <message>
        <source>Paper ticket %1 recorded: %2, %3 billed (session %4).</source>
        <translation>紙の利用券 %1 を記録しました：%2、請求 %3（ケア %4）。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ReportsPage</name>
    <message>
        <source>Month</source>
        <translation>対象月</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Monthly statement (every session)</source>
        <translation>実績報告書／請求書（全ケア明細）</translation>
    </message>
    <message>
        <source>Daily totals</source>
        <translation>日別集計</translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation>請求集計</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDF保存</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>CSV保存</translation>
    </message>
    <message>
        <source>Month of the report</source>
        <translation>帳票の対象月</translation>
    </message>
    <message>
        <source>Kind of report</source>
        <translation>帳票の種類</translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation>帳票の明細行</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>帳票を印刷</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>帳票をPDFファイルに保存</translation>
    </message>
    <message>
        <source>Save the report as a CSV file</source>
        <translation>帳票をCSVファイルに保存</translation>
    </message>
    <message>
        <source>The report cannot be read.</source>
        <translation>帳票を読み込めません。</translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation>この月の記録はありません。</translation>
    </message>
    <message>
        <source>Choose the printer</source>
        <translation>プリンターを選択</translation>
    </message>
    <message>
        <source>The report was sent to the printer.</source>
        <translation>帳票をプリンターに送りました。</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>帳票をPDFで保存</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>保存しました：%1</translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation>帳票をCSVで保存</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ResultPanel</name>
    <message>
        <source>Ready</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>記録済み</translation>
    </message>
    <message>
        <source>Repeated scan</source>
        <translation>重複読み取り</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取り消し済み</translation>
    </message>
    <message>
        <source>Recorded, please note</source>
        <translation>記録済み（要確認）</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>受付不可</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ScanScreen</name>
    <message>
        <source>No camera picture yet. Hold the coupon&apos;s QR code to the scanner.</source>
        <translation>カメラの映像がまだありません。クーポンのQRコードをスキャナーにかざしてください。</translation>
    </message>
    <message>
        <source>Scan the coupon&apos;s QR code with the scanner.</source>
        <translation>スキャナーでクーポンのQRコードを読み取ってください。</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>カメラの映像</translation>
    </message>
    <message>
        <source>What the camera sees: hold the coupon&apos;s QR code in front of it.</source>
        <translation>カメラの映像です。クーポンのQRコードをカメラの前にかざしてください。</translation>
    </message>
    <message>
        <source>No camera was found. Connect a camera, or type the coupon id.</source>
        <translation>カメラが見つかりません。カメラを接続するか、クーポン番号を入力してください。</translation>
    </message>
    <message>
        <source>The camera chosen in the settings (%1) is not connected. Connect it or choose another camera in the settings, or type the coupon id.</source>
        <translation>設定で選んだカメラ（%1）が接続されていません。接続するか設定で別のカメラを選ぶか、クーポン番号を入力してください。</translation>
    </message>
    <message>
        <source>The camera stopped working (%1). Check its cable and start scanning again, or type the coupon id.</source>
        <translation>カメラが停止しました（%1）。ケーブルを確認して読み取りをやり直すか、クーポン番号を入力してください。</translation>
    </message>
    <message>
        <source>Load QR image…</source>
        <translation>QR画像を読み込む…</translation>
    </message>
    <message>
        <source>Load a QR code image from a file</source>
        <translation>ファイルからQRコード画像を読み込む</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ServicePicker</name>
    <message>
        <source>Care:</source>
        <translation>ケア：</translation>
    </message>
    <message>
        <source>Care to start:</source>
        <translation>開始するケア：</translation>
    </message>
    <message>
        <source>Type of care (fixed): %1</source>
        <translation>ケアの種類（固定）：%1</translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>%1のケアを開始</translation>
    </message>
    <message>
        <source>A scan opens a session of this type of care.</source>
        <translation>読み取ると、この種類のケアを開始します。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SettingsPage</name>
    <message>
        <source>The settings were not saved. %1</source>
        <translation>設定は保存されませんでした。%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>スキャナー</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation>シリアルスキャナーのポート</translation>
    </message>
    <message>
        <source>Serial speed (baud)</source>
        <translation>シリアル通信速度（ボー）</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>プリンター</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Service a scan opens</source>
        <translation>読み取りで開始するケア</translation>
    </message>
    <message>
        <source>Sign out after this long untouched</source>
        <translation>無操作で自動サインアウトするまで</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>音</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全画面</translation>
    </message>
    <message>
        <source>Municipal ledger</source>
        <translation>自治体の台帳</translation>
    </message>
    <message>
        <source>Camera (and keyboard wedge)</source>
        <translation>カメラ（キーボード入力型スキャナー併用）</translation>
    </message>
    <message>
        <source>Keyboard wedge scanner only</source>
        <translation>キーボード入力型スキャナーのみ</translation>
    </message>
    <message>
        <source>Serial scanner (and keyboard wedge)</source>
        <translation>シリアルスキャナー（キーボード入力型併用）</translation>
    </message>
    <message>
        <source>None (typed ids only)</source>
        <translation>なし（番号の手入力のみ）</translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation>システム既定のカメラ</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>システム既定のプリンター</translation>
    </message>
    <message>
        <source>Care facility (stay and day)</source>
        <translation>施設（宿泊型・通所型）</translation>
    </message>
    <message>
        <source>Home visits (works offline for hours)</source>
        <translation>訪問（長時間のオフラインでも動作）</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>宿泊型</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>通所型（デイケア）</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>訪問型</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Play a sound on each scan</source>
        <translation>読み取りのたびに音を鳴らす</translation>
    </message>
    <message>
        <source>Run full screen</source>
        <translation>全画面で表示する</translation>
    </message>
    <message>
        <source>Not enrolled: this terminal keeps its records locally.</source>
        <translation>未登録：この端末は記録を端末内に保存します。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>設定を保存</translation>
    </message>
    <message>
        <source>The settings were not saved: the receipt printer must be a printer&apos;s device, such as /dev/usb/lp0, or the name of a print queue.</source>
        <translation>設定は保存されませんでした。レシートプリンターには /dev/usb/lp0 のようなプリンターのデバイス、または印刷キューの名前を指定してください。</translation>
    </message>
    <message>
        <source>Receipt printer (device or print queue)</source>
        <translation>レシートプリンター（デバイスまたは印刷キュー）</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SignInScreen</name>
    <message>
        <source>Enter your staff id, then your PIN.</source>
        <translation>スタッフIDを入力してから、PINを入力してください。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong PIN(s) and sign-in is locked for a few minutes.</source>
        <translation>
            <numerusform>PINが違います。あと %n 回間違えると、数分間サインインできなくなります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked for a few minutes.</source>
        <translation>PINの誤りが続いたため、%1 は数分間サインインできません。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked until %2.</source>
        <translation>PINの誤りが続いたため、%1 は %2 までサインインできません。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation>スタッフID</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Clear the field</source>
        <translation>入力を消去</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>最後の1桁を削除</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>数字 %1</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::StartupErrorScreen</name>
    <message>
        <source>Sango cannot start</source>
        <translation>Sango を起動できません</translation>
    </message>
    <message>
        <source>The kiosk cannot start</source>
        <translation>端末を起動できません</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対処方法</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::StatusStrip</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 日 %2 時間</translation>
    </message>
    <message>
        <source>Local only (not enrolled)</source>
        <translation>端末内のみ（未登録）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) to check</source>
        <translation>
            <numerusform>要確認のケア %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n (oldest %1)</source>
        <translation>
            <numerusform>送信待ち %n 件（最古 %1前）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n</source>
        <translation>
            <numerusform>送信待ち %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in: %1 (manager)</source>
        <translation>サインイン中：%1（管理者）</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>サインイン中：%1</translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation>サインインしていません</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>中国語（簡体字）</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Back to the scan screen</source>
        <translation>読み取り画面に戻る</translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation>管理者メニュー</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>Connection to the ledger</source>
        <translation>台帳との接続</translation>
    </message>
    <message>
        <source>Events waiting to be sent</source>
        <translation>送信待ちのイベント</translation>
    </message>
    <message>
        <source>Signed-in staff member</source>
        <translation>サインイン中のスタッフ</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO デモ</translation>
    </message>
    <message>
        <source>Demonstration store</source>
        <translation>デモ用ストア</translation>
    </message>
    <message>
        <source>A demonstration store: it trusts the published test keys and must never take real coupons.</source>
        <translation>デモ用ストアです。公開済みのテスト用の鍵を信頼しているため、本番のクーポンには絶対に使わないでください。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SyncPage</name>
    <message>
        <source>Sync asked for: the result shows here when the ledger has answered.</source>
        <translation>同期を要求しました。台帳から応答があると、ここに結果が表示されます。</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登録状態</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台帳</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Events waiting</source>
        <translation>送信待ちイベント</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最も古い送信待ち</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>前回の同期</translation>
    </message>
    <message>
        <source>Last sync result</source>
        <translation>前回の同期結果</translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed (to resolve)</source>
        <translation>台帳が却下または疑義を示したケア（要対応）</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッションID</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>クーポン</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>今すぐ同期</translation>
    </message>
    <message>
        <source>Synchronise with the ledger now</source>
        <translation>今すぐ台帳と同期</translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed</source>
        <translation>台帳が却下または疑義を示したケア</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>登録済み</translation>
    </message>
    <message>
        <source>no: this terminal works offline only</source>
        <translation>未登録：この端末はオフラインでのみ動作します</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>sync not running</source>
        <translation>同期は停止中</translation>
    </message>
    <message>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>never</source>
        <translation>未実施</translation>
    </message>
    <message>
        <source>What the ledger says</source>
        <translation>台帳の回答</translation>
    </message>
    <message>
        <source>Ledger&apos;s figures and this terminal&apos;s</source>
        <translation>台帳の数値とこの端末の数値</translation>
    </message>
    <message>
        <source>Ledger: %1</source>
        <translation>台帳：%1</translation>
    </message>
    <message>
        <source>no figures given</source>
        <translation>数値の提示なし</translation>
    </message>
    <message>
        <source>This terminal: %1</source>
        <translation>この端末：%1</translation>
    </message>
</context>
<context>
    <name>sango::report::ReportRenderer</name>
    <message>
        <source>Session</source>
        <translation>セッションID</translation>
    </message>
    <message>
        <source>Coupon / ticket</source>
        <translation>クーポン／利用券番号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス種別</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>利用日</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Actual minutes</source>
        <translation>実利用分</translation>
    </message>
    <message>
        <source>Billed minutes</source>
        <translation>請求分</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Correction reason</source>
        <translation>訂正理由</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>ケア</translation>
    </message>
    <message>
        <source>Yen per hour</source>
        <translation>時間単価（円）</translation>
    </message>
    <message>
        <source>Amount (yen)</source>
        <translation>金額（円）</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation>この月の記録はありません。</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>日別集計</translation>
    </message>
    <message>
        <source>Monthly statement</source>
        <translation>実績報告書／請求書</translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation>請求集計</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>対象月</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>事業所</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>自治体</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>ポリシーの版</translation>
    </message>
    <message>
        <source>Price table version</source>
        <translation>単価表の版</translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Totals per service</source>
        <translation>サービス種別ごとの合計</translation>
    </message>
    <message>
        <source>Amount = floor(billed minutes × yen per hour ÷ 60) per service and price period. Cancelled and open sessions count in no total.</source>
        <translation>金額＝請求分×時間単価÷60（円未満切り捨て）。サービス種別・単価期間ごとに計算します。取り消し済みと実施中のケアはどの合計にも含みません。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
    <message>
        <source>This report comes from a demonstration store: it is not a real statement and bills nobody.</source>
        <translation>この帳票はデモ用ストアから作成されたもので、正式な報告書ではなく、請求には使えません。</translation>
    </message>
</context>
</TS>
