#include "messages.h"

#include <cstdlib>

namespace sango::cli {

namespace {

// One message in the three languages, in the order of Lang. All strings are UTF-8 literals: nothing allocates.
struct Text {
    std::string_view ja;
    std::string_view en;
    std::string_view zh;
};

std::string_view pick(const Text& text, Lang lang)
{
    switch (lang) {
    case Lang::ja: return text.ja;
    case Lang::en: return text.en;
    case Lang::zh: return text.zh;
    }
    return text.en;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

Text staffText(Errc code)
{
    switch (code) {
    // Refusals.
    case Errc::not_a_coupon:
        return {.ja = "このQRコードは産後ケアクーポンではありません。お母さんにクーポンのQRコードを表示してもらってください。",
                .en = "This QR code is not a care coupon. Ask the mother to show the coupon's QR code.",
                .zh = "此二维码不是产后护理优惠券。请让母亲出示优惠券的二维码。"};
    case Errc::malformed:
        return {.ja = "QRコードを正しく読み取れませんでした。もう一度読み取るか、QRコードの下のクーポン番号を入力してください。",
                .en = "The QR code could not be read correctly. Scan it again, or type the coupon id printed under it.",
                .zh = "无法正确读取二维码。请重新扫描，或输入二维码下方的优惠券编号。"};
    case Errc::unsupported_alg:
        return {.ja = "このクーポンは本端末が受け付けない方式で署名されています。受け付けずに、自治体に連絡してください。",
                .en = "This coupon is signed in a way this terminal does not accept. Do not accept it; contact the "
                      "municipality.",
                .zh = "此优惠券的签名方式不被本终端接受。请勿受理，并联系发券的地方政府。"};
    case Errc::unknown_key:
        return {.ja = "このクーポンは本端末が知らない鍵で署名されています。台帳と同期してからもう一度読み取り、解決しない場合は自治体に連絡してください。",
                .en = "This coupon was signed with a key this terminal does not know. Sync with the ledger and scan "
                      "again; if it still fails, contact the municipality.",
                .zh = "此优惠券使用了本终端未知的密钥签名。请与台账同步后重新扫描；如仍失败，请联系发券的地方政府。"};
    case Errc::bad_signature:
        return {.ja = "クーポンの署名が正しくありません（改ざんまたは偽造の可能性があります）。受け付けずに、お母さんから自治体へ問い合わせてもらってください。",
                .en = "The coupon's signature is not valid: it may be altered or fake. Do not accept it; ask the "
                      "mother to contact the municipality.",
                .zh = "优惠券签名无效，可能已被篡改或伪造。请勿受理，并请母亲联系发券的地方政府。"};
    case Errc::bad_claims:
        return {.ja = "クーポンの内容に不備があります。受け付けずに、お母さんから自治体へ問い合わせてもらってください。",
                .en = "The coupon's contents are invalid. Do not accept it; ask the mother to contact the "
                      "municipality.",
                .zh = "优惠券内容无效。请勿受理，并请母亲联系发券的地方政府。"};
    case Errc::wrong_municipality:
        return {.ja = "クーポンの発行自治体が、署名した鍵の自治体と一致しません。受け付けずに、自治体に連絡してください。",
                .en = "This coupon names a different municipality from the key that signed it. Do not accept it; "
                      "contact the municipality.",
                .zh = "此优惠券上的发券地区与签名密钥不符。请勿受理，并联系发券的地方政府。"};
    case Errc::not_yet_valid:
        return {.ja = "このクーポンはまだ有効期間前です。端末の時計を確認し、正しければ利用開始日以降に来てもらってください。",
                .en = "This coupon is not valid yet. Check the terminal's clock; if it is right, ask the mother to "
                      "come back from the start date.",
                .zh = "此优惠券尚未生效。请检查终端时钟；如时钟无误，请母亲在生效日期后再来。"};
    case Errc::expired:
        return {.ja = "このクーポンは有効期限が切れています。端末の時計を確認し、正しければお母さんから自治体へ問い合わせてもらってください。",
                .en = "This coupon has expired. Check the terminal's clock; if it is right, ask the mother to "
                      "contact the municipality.",
                .zh = "此优惠券已过期。请检查终端时钟；如时钟无误，请母亲联系发券的地方政府。"};
    case Errc::revoked:
        return {.ja = "このクーポンは紙の利用券への切り替えまたは取り消しにより使えません。紙の利用券を提示してもらってください。",
                .en = "This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket.",
                .zh = "此优惠券已改为纸质券或已被撤销。请让母亲出示纸质券。"};
    case Errc::no_balance:
        return {.ja = "このクーポンには利用できる時間が残っていません。ケアは開始されていません。",
                .en = "No care time is left on this coupon. The session was not opened.",
                .zh = "此优惠券已无剩余护理时间。护理未开始。"};
    case Errc::service_not_allowed:
        return {.ja = "このクーポンまたは本事業所では、この種類のケアは利用できません。サービス種別を確認してください。記録はされていません。",
                .en = "This coupon or this provider does not cover this type of care. Check the service type; "
                      "nothing was recorded.",
                .zh = "此优惠券或本机构不适用此类护理。请确认服务类型；未作任何记录。"};
    case Errc::unknown_coupon:
        return {.ja = "このクーポン番号は本端末で確認されたことがなく、手入力では受け付けられません。QRコードを読み取るか、番号を確認してください。",
                .en = "This coupon id was never verified here and cannot be accepted as typed. Scan the QR code, "
                      "or check the id.",
                .zh = "本终端从未验证过此优惠券编号，无法手动录入受理。请扫描二维码，或核对编号。"};
    case Errc::not_enrolled:
        return {.ja = "この端末はまだ自治体に登録されていません。管理者に登録を依頼してください。",
                .en = "This terminal is not enrolled with the municipality yet. Ask a manager to enrol it.",
                .zh = "本终端尚未在地方政府登记。请联系管理员进行登记。"};
    case Errc::staff_unknown:
        return {.ja = "このスタッフIDは本端末に登録されていません。IDを確認するか、管理者に登録を依頼してください。",
                .en = "This staff id is not registered on this terminal. Check the id or ask a manager to add it.",
                .zh = "此员工编号未在本终端登记。请核对编号，或请管理员添加。"};
    case Errc::not_permitted:
        return {.ja = "この操作は管理者のみ行えます。管理者に依頼してください。",
                .en = "Only a manager may do this. Ask a manager.",
                .zh = "此操作仅限管理员。请联系管理员。"};
    case Errc::session_not_found:
        return {.ja = "該当するケアの記録が見つかりません。セッションIDを確認してください。",
                .en = "No such session was found. Check the session id.",
                .zh = "未找到该护理记录。请核对护理记录编号。"};
    case Errc::too_late_to_cancel:
        return {.ja = "このケアは取り消し可能な時間を過ぎています。管理者に訂正を依頼してください。",
                .en = "The cancel window for this session has passed. Ask a manager to make a correction.",
                .zh = "此护理已超过可取消时限。请联系管理员进行更正。"};
    case Errc::invalid_time:
        return {.ja = "時刻が正しくありません。終了は開始より後、かつ現在より前の時刻にしてください。",
                .en = "The times are not valid: the stop must be after the start and not in the future. Check "
                      "them and try again.",
                .zh = "时间无效：结束时间须晚于开始时间，且不能晚于当前时间。请核对后重试。"};
    case Errc::already_cancelled:
        return {.ja = "このケアはすでに取り消されています。変更はありません。",
                .en = "This session was already cancelled. Nothing was changed.",
                .zh = "此护理已被取消。未作任何更改。"};
    case Errc::duplicate_ticket:
        return {.ja = "この紙の利用券の番号はすでに記録されています。番号を確認してください。記録はされていません。",
                .en = "This paper ticket number was already recorded. Check the number; nothing was recorded.",
                .zh = "此纸质券编号已登记过。请核对编号；本次未作记录。"};
    case Errc::events_would_be_lost:
        return {.ja = "バックアップには、現在のストアにあるイベントの一部が含まれていません。復元するとそれらが失われます。変更はありません。先に現在のストアをバックアップし、以前の状態に戻すつもりの場合のみ --force を付けて復元してください。",
                .en = "The backup lacks events that the current store holds: restoring it would lose them. Nothing was "
                      "changed. Back up the current store first, and restore with --force only if you mean to go back.",
                .zh = "备份中缺少当前存储库已有的部分事件，恢复将导致这些事件丢失。未作任何更改。请先备份当前存储库；仅在确定要回到之前的状态时才使用 --force 恢复。"};
    case Errc::test_key_refused:
        return {.ja = "信頼ストアに公開済みのテスト用の鍵が含まれているため、受け付けませんでした。自治体から受け取った本番用の信頼ストアを使ってください。デモ用の端末の場合のみ --demo を付けてください。",
                .en = "The trust store holds a published test key, so it was refused. Use the trust store the "
                      "municipality gave you; only for a demonstration, add --demo.",
                .zh = "信任库中含有已公开的测试密钥，因此被拒绝。请使用地方政府提供的正式信任库；仅用于演示时才加上 --demo。"};
    case Errc::wrong_pin:
        return {.ja = "PINが違います。もう一度入力してください。",
                .en = "That PIN is not right. Enter it again.",
                .zh = "PIN 不正确。请重新输入。"};
    case Errc::locked_out:
        return {.ja = "PINの誤りが続いたため、しばらくサインインできません。数分待ってからやり直すか、管理者に連絡してください。",
                .en = "Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, or ask a manager.",
                .zh = "PIN 连续输入错误，暂时无法登录。请等几分钟后重试，或联系管理员。"};
    // Store errors.
    case Errc::store_missing:
        return {.ja = "データディレクトリにストアが見つかりません。--data-dir を確認するか、sango init で作成してください。",
                .en = "No store was found in the data directory. Check --data-dir, or create one with sango init.",
                .zh = "数据目录中没有找到存储库。请检查 --data-dir，或用 sango init 创建。"};
    case Errc::store_exists:
        return {.ja = "ここにはすでにストアがあるため、上書きしませんでした。別のデータディレクトリを指定してください。",
                .en = "A store already exists here and was not overwritten. Use another data directory.",
                .zh = "此处已有存储库，未被覆盖。请使用其他数据目录。"};
    case Errc::key_missing:
        return {.ja = "ストアの鍵ファイルがありません。バックアップから復元するか、--key-file で指定してください。変更はありません。",
                .en = "The store's key file is missing. Restore it from backup or name it with --key-file. Nothing "
                      "was changed.",
                .zh = "找不到存储库的密钥文件。请从备份恢复，或用 --key-file 指定。未作任何更改。"};
    case Errc::wrong_key:
        return {.ja = "ストアの鍵が違います。このストア専用の鍵ファイルを使うか、バックアップから復元してください。変更はありません。",
                .en = "The store's key is wrong. Use the store's own key file or restore it from backup. Nothing "
                      "was changed.",
                .zh = "存储库密钥不正确。请使用该存储库自己的密钥文件，或从备份恢复。未作任何更改。"};
    case Errc::store_corrupt:
        return {.ja = "ストアが破損しています。この端末の使用を中止し、バックアップから復元するか、サポートに連絡してください。",
                .en = "The store is damaged. Stop using this terminal and restore the store from backup, or contact "
                      "support.",
                .zh = "存储库已损坏。请停止使用本终端，从备份恢复或联系技术支持。"};
    case Errc::disk_full:
        return {.ja = "ディスクがいっぱいです。記録はされていません。空き容量を確保してから、もう一度お試しください。",
                .en = "The disk is full. Nothing was recorded. Free some space and try again.",
                .zh = "磁盘已满，未作任何记录。请释放空间后重试。"};
    case Errc::store_read_only:
        return {.ja = "ストアに書き込めません（読み取り専用か、別のプログラムが使用中です）。記録はされていません。権限を確認するか他のプログラムを終了して、もう一度お試しください。",
                .en = "The store cannot be written (read-only, or in use by another program). Nothing was "
                      "recorded. Check permissions or close the other program, then try again.",
                .zh = "无法写入存储库（只读，或正被其他程序使用），未作任何记录。请检查权限或关闭其他程序后重试。"};
    case Errc::store_io:
        return {.ja = "ストアの読み書きに失敗しました。記録はされていません。ディスクを確認して、もう一度お試しください。",
                .en = "The store could not be read or written. Nothing was recorded. Check the disk and try again.",
                .zh = "存储库读写失败，未作任何记录。请检查磁盘后重试。"};
    case Errc::store_in_use:
        return {.ja = "ストアは別のプログラム（キオスク、sango sync、または復元処理）が使用中です。変更はありません。そのプログラムを停止するか（キオスクの場合: systemctl stop sango-kiosk）、終了を待ってから、もう一度お試しください。",
                .en = "The store is in use by another program (the kiosk, `sango sync`, or a restore). Nothing was "
                      "changed. Stop that program (the kiosk: `systemctl stop sango-kiosk`) or wait for it to finish, "
                      "then try again.",
                .zh = "存储库正被其他程序使用（自助终端、sango sync 或恢复操作）。未作任何更改。请停止该程序（自助终端：systemctl stop sango-kiosk）或等待其结束后重试。"};
    case Errc::schema_too_new:
        return {.ja = "このストア（またはバックアップ）は、より新しいバージョンの Sango で作成されています。変更はありません。そのバージョン以降の Sango をインストールしてください。",
                .en = "This store or backup was made by a newer version of Sango. Nothing was changed. Install that "
                      "version of Sango or a later one.",
                .zh = "此存储库（或备份）由更新版本的 Sango 创建。未作任何更改。请安装该版本或更新版本的 Sango。"};
    case Errc::audit_broken:
        return {.ja = "イベント記録のつながりが壊れています（改ざんの可能性があります）。ストアはそのままにして、サポートに連絡してください。",
                .en = "The event log's chain is broken: records may have been altered. Leave the store as it is and "
                      "contact support.",
                .zh = "事件日志链已断开，记录可能被篡改。请保持存储库原样，并联系技术支持。"};
    // Usage errors.
    case Errc::invalid_argument:
        return {.ja = "コマンドまたは引数が正しくありません。確認して、もう一度お試しください。",
                .en = "The command or its arguments are not valid. Check them and try again.",
                .zh = "命令或参数无效。请核对后重试。"};
    case Errc::invalid_config:
        return {.ja = "設定ファイルが正しくありません。ファイルを修正して、もう一度お試しください。変更はありません。",
                .en = "A configuration file is not valid. Fix the file and try again. Nothing was changed.",
                .zh = "配置文件无效。请修正文件后重试。未作任何更改。"};
    case Errc::not_available:
        return {.ja = "この機能は、このバージョンではまだ利用できません。",
                .en = "This is not available yet in this version.",
                .zh = "此功能在本版本中尚不可用。"};
    // Ledger errors.
    case Errc::ledger_unreachable:
        return {.ja = "自治体の台帳に接続できません。ネットワークを確認して、後でもう一度お試しください（読み取りは端末内に記録されます）。",
                .en = "The municipal ledger cannot be reached. Check the network and try again later; scans are "
                      "still recorded on this terminal.",
                .zh = "无法连接地方政府台账。请检查网络后稍后重试；扫描仍会保存在本终端。"};
    case Errc::ledger_tls:
        return {.ja = "台帳の証明書を確認できませんでした。接続先の URL と証明書の設定を管理者に確認してください。送信はしていません。",
                .en = "The ledger's certificate could not be verified. Ask the administrator to check the ledger URL "
                      "and the certificate settings. Nothing was sent.",
                .zh = "无法验证台账的证书。请让管理员检查台账地址和证书设置。未发送任何数据。"};
    case Errc::ledger_refused:
        return {.ja = "台帳が要求を受け付けませんでした。表示された理由を確認してください。端末内の記録はそのままです。",
                .en = "The ledger refused the request. See the reason shown; everything recorded on this terminal is "
                      "kept.",
                .zh = "台账拒绝了请求。请查看显示的原因；本终端的记录保持不变。"};
    case Errc::ledger_error:
        return {.ja = "台帳でエラーが起きました。後でもう一度お試しください。端末内の記録はそのままです。",
                .en = "The ledger had an error. Try again later; everything recorded on this terminal is kept.",
                .zh = "台账出现错误。请稍后重试；本终端的记录保持不变。"};
    }
    return {.ja = "予期しないエラーが発生しました。サポートに連絡してください。",
            .en = "An unexpected error occurred. Contact support.",
            .zh = "发生意外错误。请联系技术支持。"};
}

Text motherText(Errc code)
{
    switch (code) {
    case Errc::not_a_coupon:
        return {.ja = "これは産後ケアクーポンのQRコードではないようです。クーポンのQRコードを表示してください。",
                .en = "This does not seem to be your care coupon's QR code. Please show the coupon's QR code.",
                .zh = "这似乎不是产后护理优惠券的二维码。请出示优惠券的二维码。"};
    case Errc::malformed:
        return {.ja = "クーポンを読み取れませんでした。もう一度表示してください。番号を入力して受け付けることもできます。",
                .en = "Your coupon could not be read. Please show it again; the staff can also type in its number.",
                .zh = "无法读取您的优惠券。请再出示一次，工作人员也可以手动输入券号。"};
    case Errc::unsupported_alg:
        return {.ja = "このクーポンはここでは確認できません。発行した市区町村の窓口にお問い合わせください。",
                .en = "Your coupon cannot be checked here. Please contact the municipal office that issued it.",
                .zh = "您的优惠券在这里无法核验。请向发券的当地政府窗口咨询。"};
    case Errc::unknown_key:
        return {.ja = "ただいまこのクーポンを確認できません。スタッフが確認します。それでも確認できない場合は、発行した市区町村の窓口にお問い合わせください。",
                .en = "Your coupon cannot be checked right now. The staff will try again; if it still does not work, "
                      "please contact the municipal office.",
                .zh = "目前无法核验您的优惠券。工作人员会再试一次；如仍无法核验，请向发券的当地政府窗口咨询。"};
    case Errc::bad_signature:
        return {.ja = "このクーポンが正しいものか確認できませんでした。発行した市区町村の窓口にお問い合わせください。",
                .en = "Your coupon could not be confirmed as genuine. Please contact the municipal office that "
                      "issued it.",
                .zh = "无法确认您的优惠券是否有效。请向发券的当地政府窗口咨询。"};
    case Errc::bad_claims:
        return {.ja = "クーポンの内容に問題があります。発行した市区町村の窓口にお問い合わせください。",
                .en = "There is a problem with the details of your coupon. Please contact the municipal office that "
                      "issued it.",
                .zh = "您的优惠券信息有误。请向发券的当地政府窗口咨询。"};
    case Errc::wrong_municipality:
        return {.ja = "クーポンの発行元の情報が一致しません。発行した市区町村の窓口にお問い合わせください。",
                .en = "The issuer details of your coupon do not match. Please contact the municipal office that "
                      "issued it.",
                .zh = "您的优惠券发放信息不一致。请向发券的当地政府窗口咨询。"};
    case Errc::not_yet_valid:
        return {.ja = "このクーポンはまだご利用いただけません。利用開始日からお使いください。",
                .en = "Your coupon cannot be used yet. Please use it from its start date.",
                .zh = "您的优惠券尚未到使用日期。请在生效日期之后使用。"};
    case Errc::expired:
        return {.ja = "このクーポンは有効期限が過ぎています。市区町村の窓口にご相談ください。",
                .en = "Your coupon's validity period has ended. Please contact the municipal office.",
                .zh = "您的优惠券已过有效期。请向当地政府窗口咨询。"};
    case Errc::revoked:
        return {.ja = "このクーポンは紙の利用券に切り替えられています。紙の利用券をお使いください。",
                .en = "This coupon has been switched to paper tickets. Please use your paper ticket.",
                .zh = "此优惠券已改为纸质券。请使用您的纸质券。"};
    case Errc::no_balance:
        return {.ja = "クーポンの利用時間が残っていません。今後のご利用については、スタッフまたは市区町村の窓口にご相談ください。",
                .en = "There is no care time left on your coupon. Please ask the staff or the municipal office what "
                      "you can do.",
                .zh = "您的优惠券已没有剩余护理时间。如需继续使用，请咨询工作人员或当地政府窗口。"};
    case Errc::service_not_allowed:
        return {.ja = "このクーポンは、ここではこの種類のケアにお使いいただけません。ほかの方法についてはスタッフにお尋ねください。",
                .en = "Your coupon cannot be used for this type of care here. Please ask the staff about other "
                      "options.",
                .zh = "您的优惠券不能用于此处的这类护理。请向工作人员咨询其他选择。"};
    case Errc::unknown_coupon:
        return {.ja = "クーポン番号を確認できませんでした。クーポンのQRコードを表示してください。",
                .en = "Your coupon number could not be confirmed. Please show the coupon's QR code.",
                .zh = "无法确认您的优惠券编号。请出示优惠券的二维码。"};
    case Errc::not_enrolled:
        return {.ja = "この端末はまだ準備ができていません。スタッフが対応しますので、少しお待ちください。",
                .en = "This terminal is not ready yet. The staff will take care of it; please wait a moment.",
                .zh = "本终端尚未准备好。工作人员会处理，请稍候。"};
    case Errc::staff_unknown:
        return {.ja = "スタッフ側で確認が必要です。少しお待ちください。",
                .en = "The staff need to check something on their side. Please wait a moment.",
                .zh = "工作人员需要确认一下，请稍候。"};
    case Errc::not_permitted:
        return {.ja = "責任者の確認が必要です。少しお待ちください。",
                .en = "This needs a manager's help. Please wait a moment.",
                .zh = "需要负责人确认，请稍候。"};
    case Errc::session_not_found:
        return {.ja = "ケアの記録が見つかりませんでした。スタッフが確認しますので、少しお待ちください。",
                .en = "The care record could not be found. The staff will check it; please wait a moment.",
                .zh = "找不到护理记录。工作人员会核实，请稍候。"};
    case Errc::too_late_to_cancel:
        return {.ja = "このケアはここでは取り消せなくなりました。必要な場合は、スタッフが責任者に訂正を依頼します。",
                .en = "This care can no longer be cancelled here. If needed, the staff will ask a manager to correct "
                      "it.",
                .zh = "此护理已无法在此取消。如有需要，工作人员会请负责人更正。"};
    case Errc::invalid_time:
        return {.ja = "入力された時刻が正しくありません。スタッフが確認しますので、少しお待ちください。",
                .en = "The times entered are not correct. The staff will check them; please wait a moment.",
                .zh = "输入的时间不正确。工作人员会核对，请稍候。"};
    case Errc::already_cancelled:
        return {.ja = "このケアはすでに取り消されています。ほかに変更はありません。",
                .en = "This care was already cancelled. Nothing else was changed.",
                .zh = "此护理已取消，没有其他更改。"};
    case Errc::duplicate_ticket:
        return {.ja = "この紙の利用券はすでに記録されています。スタッフにご確認ください。",
                .en = "This paper ticket has already been recorded. Please check with the staff.",
                .zh = "此纸质券已登记过。请向工作人员确认。"};
    // Not for the mother: restore's refusal, and everything that is not a refusal.
    case Errc::events_would_be_lost:
    case Errc::test_key_refused:
    case Errc::wrong_pin:
    case Errc::locked_out:
    case Errc::store_missing:
    case Errc::store_exists:
    case Errc::key_missing:
    case Errc::wrong_key:
    case Errc::store_corrupt:
    case Errc::disk_full:
    case Errc::store_read_only:
    case Errc::store_io:
    case Errc::store_in_use:
    case Errc::schema_too_new:
    case Errc::audit_broken:
    case Errc::invalid_argument:
    case Errc::invalid_config:
    case Errc::not_available:
    case Errc::ledger_unreachable:
    case Errc::ledger_tls:
    case Errc::ledger_refused:
    case Errc::ledger_error:
        return {};
    }
    return {};
}

Text outcomeText(Outcome o)
{
    switch (o) {
    case Outcome::verified:
        return {.ja = "クーポンは有効です。", .en = "The coupon is valid.", .zh = "优惠券有效。"};
    case Outcome::opened:
        return {.ja = "ケアを開始しました。", .en = "Session started.", .zh = "护理已开始。"};
    case Outcome::closed:
        return {.ja = "ケアを終了しました。時間を記録しました。",
                .en = "Session ended. The time was recorded.",
                .zh = "护理已结束，时间已记录。"};
    case Outcome::ignored:
        return {.ja = "少し前に読み取り済みです。変更はありません。",
                .en = "Already scanned a moment ago: nothing changed.",
                .zh = "刚刚已扫描过，未作任何更改。"};
    case Outcome::cancelled:
        return {.ja = "ケアを取り消しました。時間は差し引かれていません。",
                .en = "Session cancelled. No time was used.",
                .zh = "护理已取消，未扣除时间。"};
    case Outcome::corrected:
        return {.ja = "訂正を記録しました。", .en = "Correction recorded.", .zh = "更正已记录。"};
    case Outcome::paper_recorded:
        return {.ja = "紙の利用券でのケアを記録しました。",
                .en = "Paper ticket session recorded.",
                .zh = "纸质券护理已记录。"};
    case Outcome::staff_added:
        return {.ja = "スタッフを登録しました。", .en = "Staff member added.", .zh = "员工已添加。"};
    case Outcome::store_created:
        return {.ja = "暗号化ストアを作成しました。",
                .en = "Encrypted store created.",
                .zh = "加密存储库已创建。"};
    case Outcome::audit_intact:
        return {.ja = "イベント記録に異常はありません。",
                .en = "The event log is intact.",
                .zh = "事件日志完整无损。"};
    case Outcome::enrolled:
        return {.ja = "この端末を自治体の台帳に登録しました。`sango sync` で同期できます。",
                .en = "This terminal is enrolled with the municipal ledger. `sango sync` synchronises it.",
                .zh = "本终端已在地方政府台账登记。可用 `sango sync` 同步。"};
    case Outcome::backup_written:
        return {.ja = "バックアップを作成し、確認しました。鍵ファイル（store.key）はバックアップに含まれないため、別に保管してください。",
                .en = "Backup written and checked. The key file (store.key) is not in it: keep the key safe "
                      "separately.",
                .zh = "备份已创建并通过检查。密钥文件（store.key）不在备份中：请另行妥善保管。"};
    case Outcome::store_restored:
        return {.ja = "バックアップからストアを復元し、確認しました。",
                .en = "The store was restored from the backup and checked.",
                .zh = "已从备份恢复存储库并通过检查。"};
    }
    return {};
}

} // namespace

std::optional<Lang> parseLang(std::string_view text)
{
    // The language part ends at the territory, codeset or modifier: "zh_CN", "zh-CN", "ja_JP.UTF-8", "en@quot".
    const auto end = text.find_first_of("_-.@");
    const std::string_view language = text.substr(0, end);
    if (equalsIgnoringCase(language, "ja"))
        return Lang::ja;
    if (equalsIgnoringCase(language, "en"))
        return Lang::en;
    if (equalsIgnoringCase(language, "zh"))
        return Lang::zh;
    return std::nullopt;
}

Lang langFromEnvironment()
{
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr)
            continue;
        std::string_view text = value;
        if (std::string_view(name) == "LANGUAGE")
            text = text.substr(0, text.find(':')); // a priority list: "zh_CN:en"
        if (text.empty())
            continue;
        if (auto lang = parseLang(text))
            return *lang;
        // POSIX: a set LC_ALL (or LC_MESSAGES) decides, even when it names no language of ours ("C").
        if (std::string_view(name) != "LANGUAGE")
            return Lang::en;
    }
    return Lang::en;
}

std::string_view staffMessage(Errc code, Lang lang)
{
    return pick(staffText(code), lang);
}

std::string_view motherMessage(Errc code, Lang lang)
{
    return pick(motherText(code), lang);
}

std::string_view outcomeMessage(Outcome o, Lang lang)
{
    return pick(outcomeText(o), lang);
}

} // namespace sango::cli
