<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ResultText</name>
    <message>
        <source>This terminal has a problem and nothing was recorded. The staff will take care of it; please wait a moment.</source>
        <translation>本终端出现问题，未作记录。工作人员会处理，请稍候。</translation>
    </message>
    <message>
        <source>Something could not be done on this terminal. The staff will take care of it; please wait a moment.</source>
        <translation>本终端有操作无法完成。工作人员会处理，请稍候。</translation>
    </message>
    <message>
        <source>The connection to the municipal office is down. This does not affect your care; please wait a moment.</source>
        <translation>与当地政府的连接已中断，但不影响您的护理。请稍候。</translation>
    </message>
    <message>
        <source>Time left on the coupon: %1</source>
        <translation>优惠券剩余时间：%1</translation>
    </message>
    <message>
        <source>Ready to scan</source>
        <translation>可以扫描</translation>
    </message>
    <message>
        <source>Please show your coupon&apos;s QR code.</source>
        <translation>请出示优惠券的二维码。</translation>
    </message>
    <message>
        <source>Choose the type of care, then scan the coupon.</source>
        <translation>请先选择护理类型，再扫描优惠券。</translation>
    </message>
    <message>
        <source>Care started</source>
        <translation>护理已开始</translation>
    </message>
    <message>
        <source>%1, from %2</source>
        <translation>%1，%2 开始</translation>
    </message>
    <message>
        <source>Session opened. Scan the coupon again at the end to close it.</source>
        <translation>护理已开始。结束时请再次扫描优惠券。</translation>
    </message>
    <message>
        <source>Care recorded: %1</source>
        <translation>护理已记录：%1</translation>
    </message>
    <message>
        <source>Session closed: %1 billed.</source>
        <translation>护理已结束，计费时长：%1。</translation>
    </message>
    <message>
        <source>Already recorded a moment ago — nothing changed</source>
        <translation>刚刚已记录，未作任何更改</translation>
    </message>
    <message>
        <source>Repeat scan within seconds: ignored.</source>
        <translation>数秒内重复扫描，已忽略。</translation>
    </message>
    <message>
        <source>Care cancelled</source>
        <translation>护理已取消</translation>
    </message>
    <message>
        <source>No time was used.</source>
        <translation>未扣除时间。</translation>
    </message>
    <message>
        <source>Session cancelled: %1 from %2. Nothing is billed.</source>
        <translation>护理已取消：%1，%2 开始。不计费。</translation>
    </message>
    <message>
        <source>The municipality will confirm your coupon.</source>
        <translation>您的优惠券将由当地政府确认。</translation>
    </message>
    <message>
        <source>Typed id not verified here: recorded as unverified, the ledger decides. Scan the QR code at the end if you can.</source>
        <translation>输入的编号无法在本终端核验，已记为未核验，由台账判定。结束时请尽量扫描二维码。</translation>
    </message>
    <message>
        <source>All the care time left on the coupon was used.</source>
        <translation>优惠券的剩余护理时间已全部用完。</translation>
    </message>
    <message>
        <source>Capped: the session ran past the coupon&apos;s balance; only what was left was billed.</source>
        <translation>已封顶：护理超出优惠券剩余时间，仅按剩余时间计费。</translation>
    </message>
    <message>
        <source>Unverified coupon: recorded, the ledger decides.</source>
        <translation>未核验的优惠券：已记录，由台账判定。</translation>
    </message>
    <message>
        <source>Staff: please sign in first</source>
        <translation>工作人员：请先登录</translation>
    </message>
    <message>
        <source>Please wait a moment: the staff need to sign in.</source>
        <translation>工作人员需要先登录，请稍候。</translation>
    </message>
    <message>
        <source>Nobody is signed in. Sign in with your staff id and PIN, then scan again. Nothing was recorded.</source>
        <translation>当前无人登录。请用员工编号和 PIN 登录后重新扫描。未作任何记录。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>The staff are signing in. Please wait a moment.</source>
        <translation>工作人员正在登录，请稍候。</translation>
    </message>
    <message>
        <source>No store was found in the data directory. Ask a manager to set up this terminal.</source>
        <translation>数据目录中没有找到存储库。请联系管理员设置本终端。</translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup. Nothing was changed.</source>
        <translation>找不到存储库的密钥文件。请从备份恢复。未作任何更改。</translation>
    </message>
    <message>
        <source>What was entered is not valid. Check it and try again.</source>
        <translation>输入的内容无效。请核对后重试。</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Stay-in care</source>
        <translation>住宿型</translation>
    </message>
    <message>
        <source>Day care</source>
        <translation>日间型</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门型</translation>
    </message>
</context>
<context>
    <name>ResultWords</name>
    <message>
        <source>This does not seem to be your care coupon&apos;s QR code. Please show the coupon&apos;s QR code.</source>
        <translation>这似乎不是产后护理优惠券的二维码。请出示优惠券的二维码。</translation>
    </message>
    <message>
        <source>Your coupon could not be read. Please show it again; the staff can also type in its number.</source>
        <translation>无法读取您的优惠券。请再出示一次，工作人员也可以手动输入券号。</translation>
    </message>
    <message>
        <source>Your coupon cannot be checked here. Please contact the municipal office that issued it.</source>
        <translation>您的优惠券在这里无法核验。请向发券的当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>Your coupon cannot be checked right now. The staff will try again; if it still does not work, please contact the municipal office.</source>
        <translation>目前无法核验您的优惠券。工作人员会再试一次；如仍无法核验，请向发券的当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>Your coupon could not be confirmed as genuine. Please contact the municipal office that issued it.</source>
        <translation>无法确认您的优惠券是否有效。请向发券的当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>There is a problem with the details of your coupon. Please contact the municipal office that issued it.</source>
        <translation>您的优惠券信息有误。请向发券的当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>The issuer details of your coupon do not match. Please contact the municipal office that issued it.</source>
        <translation>您的优惠券发放信息不一致。请向发券的当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>Your coupon cannot be used yet. Please use it from its start date.</source>
        <translation>您的优惠券尚未到使用日期。请在生效日期之后使用。</translation>
    </message>
    <message>
        <source>Your coupon&apos;s validity period has ended. Please contact the municipal office.</source>
        <translation>您的优惠券已过有效期。请向当地政府窗口咨询。</translation>
    </message>
    <message>
        <source>This coupon has been switched to paper tickets. Please use your paper ticket.</source>
        <translation>此优惠券已改为纸质券。请使用您的纸质券。</translation>
    </message>
    <message>
        <source>There is no care time left on your coupon. Please ask the staff or the municipal office what you can do.</source>
        <translation>您的优惠券已没有剩余护理时间。如需继续使用，请咨询工作人员或当地政府窗口。</translation>
    </message>
    <message>
        <source>Your coupon cannot be used for this type of care here. Please ask the staff about other options.</source>
        <translation>您的优惠券不能用于此处的这类护理。请向工作人员咨询其他选择。</translation>
    </message>
    <message>
        <source>Your coupon number could not be confirmed. Please show the coupon&apos;s QR code.</source>
        <translation>无法确认您的优惠券编号。请出示优惠券的二维码。</translation>
    </message>
    <message>
        <source>This terminal is not ready yet. The staff will take care of it; please wait a moment.</source>
        <translation>本终端尚未准备好。工作人员会处理，请稍候。</translation>
    </message>
    <message>
        <source>The staff need to check something on their side. Please wait a moment.</source>
        <translation>工作人员需要确认一下，请稍候。</translation>
    </message>
    <message>
        <source>This needs a manager&apos;s help. Please wait a moment.</source>
        <translation>需要负责人确认，请稍候。</translation>
    </message>
    <message>
        <source>The care record could not be found. The staff will check it; please wait a moment.</source>
        <translation>找不到护理记录。工作人员会核实，请稍候。</translation>
    </message>
    <message>
        <source>This care can no longer be cancelled here. If needed, the staff will ask a manager to correct it.</source>
        <translation>此护理已无法在此取消。如有需要，工作人员会请负责人更正。</translation>
    </message>
    <message>
        <source>The times entered are not correct. The staff will check them; please wait a moment.</source>
        <translation>输入的时间不正确。工作人员会核对，请稍候。</translation>
    </message>
    <message>
        <source>This care was already cancelled. Nothing else was changed.</source>
        <translation>此护理已取消，没有其他更改。</translation>
    </message>
    <message>
        <source>This paper ticket has already been recorded. Please check with the staff.</source>
        <translation>此纸质券已登记过。请向工作人员确认。</translation>
    </message>
    <message>
        <source>This QR code is not a care coupon. Ask the mother to show the coupon&apos;s QR code.</source>
        <translation>此二维码不是产后护理优惠券。请让母亲出示优惠券的二维码。</translation>
    </message>
    <message>
        <source>The QR code could not be read correctly. Scan it again, or type the coupon id printed under it.</source>
        <translation>无法正确读取二维码。请重新扫描，或输入二维码下方的优惠券编号。</translation>
    </message>
    <message>
        <source>This coupon is signed in a way this terminal does not accept. Do not accept it; contact the municipality.</source>
        <translation>此优惠券的签名方式不被本终端接受。请勿受理，并联系发券的地方政府。</translation>
    </message>
    <message>
        <source>This coupon was signed with a key this terminal does not know. Sync with the ledger and scan again; if it still fails, contact the municipality.</source>
        <translation>此优惠券使用了本终端未知的密钥签名。请与台账同步后重新扫描；如仍失败，请联系发券的地方政府。</translation>
    </message>
    <message>
        <source>The coupon&apos;s signature is not valid: it may be altered or fake. Do not accept it; ask the mother to contact the municipality.</source>
        <translation>优惠券签名无效，可能已被篡改或伪造。请勿受理，并请母亲联系发券的地方政府。</translation>
    </message>
    <message>
        <source>The coupon&apos;s contents are invalid. Do not accept it; ask the mother to contact the municipality.</source>
        <translation>优惠券内容无效。请勿受理，并请母亲联系发券的地方政府。</translation>
    </message>
    <message>
        <source>This coupon names a different municipality from the key that signed it. Do not accept it; contact the municipality.</source>
        <translation>此优惠券上的发券地区与签名密钥不符。请勿受理，并联系发券的地方政府。</translation>
    </message>
    <message>
        <source>This coupon is not valid yet. Check the terminal&apos;s clock; if it is right, ask the mother to come back from the start date.</source>
        <translation>此优惠券尚未生效。请检查终端时钟；如时钟无误，请母亲在生效日期后再来。</translation>
    </message>
    <message>
        <source>This coupon has expired. Check the terminal&apos;s clock; if it is right, ask the mother to contact the municipality.</source>
        <translation>此优惠券已过期。请检查终端时钟；如时钟无误，请母亲联系发券的地方政府。</translation>
    </message>
    <message>
        <source>This coupon was switched to paper tickets or withdrawn. Ask for the paper ticket.</source>
        <translation>此优惠券已改为纸质券或已被撤销。请让母亲出示纸质券。</translation>
    </message>
    <message>
        <source>No care time is left on this coupon. The session was not opened.</source>
        <translation>此优惠券已无剩余护理时间。护理未开始。</translation>
    </message>
    <message>
        <source>This coupon or this provider does not cover this type of care. Check the service type; nothing was recorded.</source>
        <translation>此优惠券或本机构不适用此类护理。请确认服务类型；未作任何记录。</translation>
    </message>
    <message>
        <source>This coupon id was never verified here and cannot be accepted as typed. Scan the QR code, or check the id.</source>
        <translation>本终端从未验证过此优惠券编号，无法手动录入受理。请扫描二维码，或核对编号。</translation>
    </message>
    <message>
        <source>This terminal is not enrolled with the municipality yet. Ask a manager to enrol it.</source>
        <translation>本终端尚未在地方政府登记。请联系管理员进行登记。</translation>
    </message>
    <message>
        <source>This staff id is not registered on this terminal. Check the id or ask a manager to add it.</source>
        <translation>此员工编号未在本终端登记。请核对编号，或请管理员添加。</translation>
    </message>
    <message>
        <source>Only a manager may do this. Ask a manager.</source>
        <translation>此操作仅限管理员。请联系管理员。</translation>
    </message>
    <message>
        <source>No such session was found. Check the session id.</source>
        <translation>未找到该护理记录。请核对护理记录编号。</translation>
    </message>
    <message>
        <source>The cancel window for this session has passed. Ask a manager to make a correction.</source>
        <translation>此护理已超过可取消时限。请联系管理员进行更正。</translation>
    </message>
    <message>
        <source>The times are not valid: the stop must be after the start and not in the future. Check them and try again.</source>
        <translation>时间无效：结束时间须晚于开始时间，且不能晚于当前时间。请核对后重试。</translation>
    </message>
    <message>
        <source>This session was already cancelled. Nothing was changed.</source>
        <translation>此护理已被取消。未作任何更改。</translation>
    </message>
    <message>
        <source>This paper ticket number was already recorded. Check the number; nothing was recorded.</source>
        <translation>此纸质券编号已登记过。请核对编号；本次未作记录。</translation>
    </message>
    <message>
        <source>The backup lacks events that the current store holds: restoring it would lose them. Nothing was changed. Back up the current store first, and restore with --force only if you mean to go back.</source>
        <translation>备份中缺少当前存储库已有的部分事件，恢复将导致这些事件丢失。未作任何更改。请先备份当前存储库；仅在确定要回到之前的状态时才使用 --force 恢复。</translation>
    </message>
    <message>
        <source>The trust store holds a published test key, so it was refused. Use the trust store the municipality gave you; only for a demonstration, add --demo.</source>
        <translation>信任库中含有已公开的测试密钥，因此被拒绝。请使用地方政府提供的正式信任库；仅用于演示时才加上 --demo。</translation>
    </message>
    <message>
        <source>That PIN is not right. Enter it again.</source>
        <translation>PIN 不正确。请重新输入。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in is locked for a few minutes. Wait, then try again, or ask a manager.</source>
        <translation>PIN 连续输入错误，暂时无法登录。请等几分钟后重试，或联系管理员。</translation>
    </message>
    <message>
        <source>A store already exists here and was not overwritten. Use another data directory.</source>
        <translation>此处已有存储库，未被覆盖。请使用其他数据目录。</translation>
    </message>
    <message>
        <source>The store&apos;s key is wrong. Use the store&apos;s own key file or restore it from backup. Nothing was changed.</source>
        <translation>存储库密钥不正确。请使用该存储库自己的密钥文件，或从备份恢复。未作任何更改。</translation>
    </message>
    <message>
        <source>The store is damaged. Stop using this terminal and restore the store from backup, or contact support.</source>
        <translation>存储库已损坏。请停止使用本终端，从备份恢复或联系技术支持。</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was recorded. Free some space and try again.</source>
        <translation>磁盘已满，未作任何记录。请释放空间后重试。</translation>
    </message>
    <message>
        <source>The store cannot be written (read-only, or in use by another program). Nothing was recorded. Check permissions or close the other program, then try again.</source>
        <translation>无法写入存储库（只读，或正被其他程序使用），未作任何记录。请检查权限或关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The store could not be read or written. Nothing was recorded. Check the disk and try again.</source>
        <translation>存储库读写失败，未作任何记录。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The event log&apos;s chain is broken: records may have been altered. Leave the store as it is and contact support.</source>
        <translation>事件日志链已断开，记录可能被篡改。请保持存储库原样，并联系技术支持。</translation>
    </message>
    <message>
        <source>A configuration file is not valid. Fix the file and try again. Nothing was changed.</source>
        <translation>配置文件无效。请修正文件后重试。未作任何更改。</translation>
    </message>
    <message>
        <source>This is not available yet in this version.</source>
        <translation>此功能在本版本中尚不可用。</translation>
    </message>
    <message>
        <source>The municipal ledger cannot be reached. Check the network and try again later; scans are still recorded on this terminal.</source>
        <translation>无法连接地方政府台账。请检查网络后稍后重试；扫描仍会保存在本终端。</translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified. Ask the administrator to check the ledger URL and the certificate settings. Nothing was sent.</source>
        <translation>无法验证台账的证书。请让管理员检查台账地址和证书设置。未发送任何数据。</translation>
    </message>
    <message>
        <source>The ledger refused the request. See the reason shown; everything recorded on this terminal is kept.</source>
        <translation>台账拒绝了请求。请查看显示的原因；本终端的记录保持不变。</translation>
    </message>
    <message>
        <source>The ledger had an error. Try again later; everything recorded on this terminal is kept.</source>
        <translation>台账出现错误。请稍后重试；本终端的记录保持不变。</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Contact support.</source>
        <translation>发生意外错误。请联系技术支持。</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Synchronised: the ledger has every event sent.</source>
        <translation>已同步：已发送的事件均已到达台账。</translation>
    </message>
    <message>
        <source>The municipality revoked this terminal (reported lost or retired): the ledger refuses its syncs and it no longer tries. Scans are still recorded here. Ask the municipality what to do; a terminal found again must be enrolled anew.</source>
        <translation>地方政府已吊销本终端（已报告丢失或停用）：台账拒绝本终端的同步，终端也不再重试。扫描仍记录在本终端。请向地方政府咨询处理方法；找回的终端须重新登记。</translation>
    </message>
    <message>
        <source>The municipality suspended this provider: the ledger refuses the syncs of all its terminals. Scans are still recorded here and are sent once the provider is resumed. Ask the municipality.</source>
        <translation>地方政府已暂停本服务机构：台账拒绝其所有终端的同步。扫描仍记录在本终端，恢复后将发送。请向地方政府咨询。</translation>
    </message>
    <message>
        <source>The ledger asked this terminal to wait: too many requests in a short time. The sync tries again later by itself; if this stays, ask the municipality.</source>
        <translation>短时间内请求过多，台账要求本终端等待。同步稍后会自动重试；如持续出现，请向地方政府咨询。</translation>
    </message>
    <message>
        <source>The ledger refused the sync (%1). Scans are still recorded here. Ask the municipality or support.</source>
        <translation>台账拒绝了同步（%1）。扫描仍记录在本终端。请向地方政府或技术支持咨询。</translation>
    </message>
    <message>
        <source>The ledger could not be reached: check the network. Scans are recorded here and sent later.</source>
        <translation>无法连接台账：请检查网络。扫描已记录在本终端，稍后发送。</translation>
    </message>
    <message>
        <source>The ledger&apos;s certificate could not be verified, so nothing was sent. Ask the municipality or support.</source>
        <translation>无法验证台账的证书，因此未发送任何内容。请向地方政府或技术支持咨询。</translation>
    </message>
    <message>
        <source>The ledger answered with an error. The sync tries again later by itself.</source>
        <translation>台账返回了错误。同步稍后会自动重试。</translation>
    </message>
    <message>
        <source>The sync failed (%1). It tries again later by itself; if this stays, ask support.</source>
        <translation>同步失败（%1）。稍后会自动重试；如持续出现，请咨询技术支持。</translation>
    </message>
    <message>
        <source>Sync stopped: terminal revoked by the municipality</source>
        <translation>同步已停止：地方政府已吊销本终端</translation>
    </message>
    <message>
        <source>Sync stopped: provider suspended by the municipality</source>
        <translation>同步已停止：地方政府已暂停本机构</translation>
    </message>
    <message>
        <source>Ledger busy: retrying later</source>
        <translation>台账繁忙：稍后重试</translation>
    </message>
    <message>
        <source>Sync refused: see the Sync tab</source>
        <translation>同步被拒绝：请查看同步页</translation>
    </message>
    <message>
        <source>The ledger worked out other figures for this session (date, times or billed minutes) from the times recorded. Check the session: correct it if the ledger is right, or ask the municipality.</source>
        <translation>台账根据记录的时间为此护理算出了不同的数值（日期、时间或计费分钟数）。请核对该护理：如台账正确请更正，或向地方政府咨询。</translation>
    </message>
    <message>
        <source>The ledger already holds this session as closed, with its own figures. Compare them with this terminal&apos;s and correct the session here, or ask the municipality.</source>
        <translation>台账中此护理已结束，并有台账自己的数值。请与本终端的数值比较，在此更正该护理，或向地方政府咨询。</translation>
    </message>
    <message>
        <source>The ledger refused the times: the stop is not after the start, or a time lies in the future. Correct the session&apos;s times.</source>
        <translation>台账拒绝了时间：结束时间不晚于开始时间，或有时间在未来。请更正该护理的时间。</translation>
    </message>
    <message>
        <source>The session is older than the municipality&apos;s correction window. Ask the municipality to unlock it.</source>
        <translation>此护理已超过地方政府的更正期限。请联系地方政府为其解锁。</translation>
    </message>
    <message>
        <source>It is too late to cancel this session at the ledger. Ask the municipality.</source>
        <translation>在台账中此护理已无法取消。请向地方政府咨询。</translation>
    </message>
    <message>
        <source>The municipality never issued this paper ticket number (or not to this coupon). Check the number on the ticket and correct or cancel the session.</source>
        <translation>地方政府从未发行此纸质券编号（或并非发给此优惠券）。请核对券上的编号，并更正或取消该护理。</translation>
    </message>
    <message>
        <source>The ledger holds this session with another coupon or start: the two records disagree. Ask the municipality; do not record it again.</source>
        <translation>台账中此护理对应另一张优惠券或另一个开始时间，两条记录不一致。请向地方政府咨询；请勿重复记录。</translation>
    </message>
    <message>
        <source>The coupon had been revoked (switched to paper tickets) before this session. Cancel it, or record the care on a paper ticket.</source>
        <translation>此护理之前优惠券已被吊销（已改用纸质券）。请取消该护理，或改用纸质券记录。</translation>
    </message>
    <message>
        <source>The coupon had too little time left at the ledger. Correct the session to what was left, or cancel it, and tell the mother.</source>
        <translation>台账中优惠券剩余时间不足。请将该护理更正为剩余时间或取消，并告知母亲。</translation>
    </message>
    <message>
        <source>The ledger has never issued this coupon id. Check the id the session was opened with; cancel the session if it is wrong.</source>
        <translation>台账从未发行此优惠券编号。请核对开始护理时使用的编号；如有误请取消该护理。</translation>
    </message>
    <message>
        <source>The coupon was not valid at the time of the session. Cancel the session, or ask the municipality.</source>
        <translation>护理时优惠券不在有效期内。请取消该护理，或向地方政府咨询。</translation>
    </message>
    <message>
        <source>The coupon or this provider does not cover this type of care at the ledger. Correct the service, or cancel the session.</source>
        <translation>在台账中，优惠券或本机构不适用此类护理。请更正服务类型，或取消该护理。</translation>
    </message>
    <message>
        <source>The ledger refused the session&apos;s opening, so it cannot take this event. Settle the opening first (correct or cancel the session).</source>
        <translation>台账拒绝了此护理的开始，因此无法接受此事件。请先处理开始记录（更正或取消该护理）。</translation>
    </message>
    <message>
        <source>This paper ticket was already used at the ledger. Check the number; cancel the session if it was recorded twice.</source>
        <translation>此纸质券已在台账中使用。请核对编号；如重复记录请取消该护理。</translation>
    </message>
    <message>
        <source>The ledger could not read this event. Ask support.</source>
        <translation>台账无法读取此事件。请咨询技术支持。</translation>
    </message>
    <message>
        <source>The ledger refused this event (%1). Ask the municipality.</source>
        <translation>台账拒绝了此事件（%1）。请向地方政府咨询。</translation>
    </message>
    <message>
        <source>%1 billed</source>
        <translation>计费 %1</translation>
    </message>
    <message>
        <source>%1 actual</source>
        <translation>实际 %1</translation>
    </message>
    <message>
        <source>%1 yen</source>
        <translation>%1 日元</translation>
    </message>
</context>
<context>
    <name>sango::cli::Words</name>
    <message>
        <source>No store was found in the data directory. Check --data-dir, or create one with sango init.</source>
        <translation>数据目录中没有找到存储库。请检查 --data-dir，或用 sango init 创建。</translation>
    </message>
    <message>
        <source>The store&apos;s key file is missing. Restore it from backup or name it with --key-file. Nothing was changed.</source>
        <translation>找不到存储库的密钥文件。请从备份恢复，或用 --key-file 指定。未作任何更改。</translation>
    </message>
    <message>
        <source>The store is in use by another program (the kiosk, `sango sync`, or a restore). Nothing was changed. Stop that program (the kiosk: `systemctl stop sango-kiosk`) or wait for it to finish, then try again.</source>
        <translation>存储库正被其他程序使用（自助终端、sango sync 或恢复操作）。未作任何更改。请停止该程序（自助终端：systemctl stop sango-kiosk）或等待其结束后重试。</translation>
    </message>
    <message>
        <source>This store or backup was made by a newer version of Sango. Nothing was changed. Install that version of Sango or a later one.</source>
        <translation>此存储库（或备份）由更新版本的 Sango 创建。未作任何更改。请安装该版本或更新版本的 Sango。</translation>
    </message>
    <message>
        <source>The command or its arguments are not valid. Check them and try again.</source>
        <translation>命令或参数无效。请核对后重试。</translation>
    </message>
    <message>
        <source>The coupon is valid.</source>
        <translation>优惠券有效。</translation>
    </message>
    <message>
        <source>Session started.</source>
        <translation>护理已开始。</translation>
    </message>
    <message>
        <source>Session ended. The time was recorded.</source>
        <translation>护理已结束，时间已记录。</translation>
    </message>
    <message>
        <source>Already scanned a moment ago: nothing changed.</source>
        <translation>刚刚已扫描过，未作任何更改。</translation>
    </message>
    <message>
        <source>Session cancelled. No time was used.</source>
        <translation>护理已取消，未扣除时间。</translation>
    </message>
    <message>
        <source>Correction recorded.</source>
        <translation>更正已记录。</translation>
    </message>
    <message>
        <source>Paper ticket session recorded.</source>
        <translation>纸质券护理已记录。</translation>
    </message>
    <message>
        <source>Staff member added.</source>
        <translation>员工已添加。</translation>
    </message>
    <message>
        <source>Encrypted store created.</source>
        <translation>加密存储库已创建。</translation>
    </message>
    <message>
        <source>The event log is intact.</source>
        <translation>事件日志完整无损。</translation>
    </message>
    <message>
        <source>This terminal is enrolled with the municipal ledger. `sango sync` synchronises it.</source>
        <translation>本终端已在地方政府台账登记。可用 `sango sync` 同步。</translation>
    </message>
    <message>
        <source>Backup written and checked. The key file (store.key) is not in it: keep the key safe separately.</source>
        <translation>备份已创建并通过检查。密钥文件（store.key）不在备份中：请另行妥善保管。</translation>
    </message>
    <message>
        <source>The store was restored from the backup and checked.</source>
        <translation>已从备份恢复存储库并通过检查。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ConfinedFileDialog</name>
    <message>
        <source>This folder cannot be opened now: %1</source>
        <translation>此文件夹现在无法打开：%1</translation>
    </message>
    <message>
        <source>No QR code images here.</source>
        <translation>此处没有二维码图片。</translation>
    </message>
    <message>
        <source>Choose a QR code image from the list.</source>
        <translation>请从列表中选择二维码图片。</translation>
    </message>
    <message>
        <source>Type a file name (letters, digits, no folders).</source>
        <translation>请输入文件名（字母和数字，不能包含文件夹）。</translation>
    </message>
    <message>
        <source>%1 is not a plain file: choose another name.</source>
        <translation>%1 不是普通文件：请换一个名称。</translation>
    </message>
    <message>
        <source>Load a QR code image</source>
        <translation>加载二维码图片</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Removable medium: %1</source>
        <translation>移动存储设备：%1</translation>
    </message>
    <message>
        <source>Coupons folder</source>
        <translation>优惠券文件夹</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Folders and files</source>
        <translation>文件夹和文件</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>向上</translation>
    </message>
    <message>
        <source>Up one folder</source>
        <translation>返回上一级文件夹</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>There is no coupons folder and no removable medium: ask a manager.</source>
        <translation>没有优惠券文件夹，也没有移动存储设备：请联系管理员。</translation>
    </message>
    <message>
        <source>There is no export folder and no removable medium: ask a manager.</source>
        <translation>没有导出文件夹，也没有移动存储设备：请联系管理员。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::CorrectionsPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation>开始（当地时间）</translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation>结束（当地时间）</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation>应用更正</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>取消护理</translation>
    </message>
    <message>
        <source>Month of the sessions</source>
        <translation>护理所在月份</translation>
    </message>
    <message>
        <source>Sessions of the month</source>
        <translation>本月护理列表</translation>
    </message>
    <message>
        <source>Corrected start</source>
        <translation>更正后的开始时间</translation>
    </message>
    <message>
        <source>Corrected stop</source>
        <translation>更正后的结束时间</translation>
    </message>
    <message>
        <source>Reason code of the correction or cancellation</source>
        <translation>更正或取消的原因代码</translation>
    </message>
    <message>
        <source>Apply the correction to the selected session</source>
        <translation>对所选护理应用更正</translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation>取消所选护理</translation>
    </message>
    <message>
        <source>Session %1 corrected: %2 minutes billed (reason %3).</source>
        <translation>护理 %1 已更正：计费 %2 分钟（原因 %3）。</translation>
    </message>
    <message>
        <source>Session %1 cancelled: it bills nothing.</source>
        <translation>护理 %1 已取消，不计费。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::FirstRunScreen</name>
    <message>
        <source>Enter the ledger&apos;s address and the enrolment code the municipality gave you.</source>
        <translation>请输入台账地址和地方政府提供的登记码。</translation>
    </message>
    <message>
        <source>Enrolling with the ledger…</source>
        <translation>正在向台账登记…</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致。请输入两次相同的 PIN。</translation>
    </message>
    <message>
        <source>Set up this terminal</source>
        <translation>设置本终端</translation>
    </message>
    <message>
        <source>This terminal has no store yet. Enrol it with the municipal ledger (the municipality gives you an enrolment code), or install the policy files the municipality sent.</source>
        <translation>本终端尚无存储库。请在地方政府台账登记（登记码由地方政府提供），或安装地方政府发送的政策文件。</translation>
    </message>
    <message>
        <source>Enrol with the municipal ledger</source>
        <translation>在地方政府台账登记</translation>
    </message>
    <message>
        <source>Install policy files</source>
        <translation>安装政策文件</translation>
    </message>
    <message>
        <source>Ledger address</source>
        <translation>台账地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <source>Name of this terminal (optional)</source>
        <translation>终端名称（可选）</translation>
    </message>
    <message>
        <source>Name of this terminal</source>
        <translation>终端名称</translation>
    </message>
    <message>
        <source>CA certificate file (optional)</source>
        <translation>CA 证书文件（可选）</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Pinned ledger key (optional)</source>
        <translation>固定的台账公钥（可选）</translation>
    </message>
    <message>
        <source>Pinned ledger key</source>
        <translation>固定的台账公钥</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Terminal id</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation>政策文件</translation>
    </message>
    <message>
        <source>Provider file</source>
        <translation>机构文件</translation>
    </message>
    <message>
        <source>Trust store file</source>
        <translation>信任库文件</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Register the first manager. Managers sign in with their id and PIN to see reports, correct sessions and change settings.</source>
        <translation>请登记第一位管理员。管理员用编号和 PIN 登录，可查看报表、更正护理记录和修改设置。</translation>
    </message>
    <message>
        <source>Manager&apos;s staff id</source>
        <translation>管理员的员工编号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <source>Register the manager</source>
        <translation>登记管理员</translation>
    </message>
    <message>
        <source>Demo mode: this terminal is set up as a demonstration store. It accepts the published test keys, shows DEMO on every screen and report, and must never take real coupons.</source>
        <translation>演示模式：本终端将设置为演示用存储库。它接受已公开的测试密钥，所有画面和报表都显示 DEMO，绝不可用于真实的优惠券。</translation>
    </message>
    <message>
        <source>PIN (6 to 12 digits)</source>
        <translation>PIN（6 至 12 位数字）</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::MainWindow</name>
    <message>
        <source>Sign in first, then scan the coupon again.</source>
        <translation>请先登录，再重新扫描优惠券。</translation>
    </message>
    <message>
        <source>Sango: postpartum care coupons</source>
        <translation>Sango：产后护理优惠券</translation>
    </message>
    <message>
        <source>Sango kiosk</source>
        <translation>Sango 终端</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Paper tickets</source>
        <translation>纸质券</translation>
    </message>
    <message>
        <source>Typed coupon id</source>
        <translation>手动输入编号</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation>管理员页面</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO 演示</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManagerPage</name>
    <message>
        <source>Managers only: sign in as a manager to use this page.</source>
        <translation>仅限管理员：请以管理员身份登录后使用此页面。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ManualEntryPage</name>
    <message>
        <source>Coupon id</source>
        <translation>优惠券编号</translation>
    </message>
    <message>
        <source>16 characters, as printed under the QR code: 0–9 and A–Z. Spaces and dashes do not matter.</source>
        <translation>二维码下方印的 16 个字符（0–9 和 A–Z）。空格和连字符可有可无。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Coupon id typed by hand</source>
        <translation>手动输入的优惠券编号</translation>
    </message>
    <message>
        <source>Open or close a session for the typed coupon id</source>
        <translation>用输入的编号开始或结束护理</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::OpenSessionsView</name>
    <message>
        <source>Opened by mistake</source>
        <translation>误开始</translation>
    </message>
    <message>
        <source>The mother left</source>
        <translation>母亲已离开</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>The open sessions cannot be read. %1</source>
        <translation>无法读取进行中的护理。%1</translation>
    </message>
    <message>
        <source>Open sessions: %1</source>
        <translation>进行中的护理：%1 项</translation>
    </message>
    <message>
        <source>No open sessions.</source>
        <translation>没有进行中的护理。</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>Started %1 · %2 so far</source>
        <translation>%1 开始 · 已进行 %2</translation>
    </message>
    <message>
        <source>If closed now: %1 billed (all the time left on the coupon)</source>
        <translation>若现在结束：计费 %1（用完优惠券剩余时间）</translation>
    </message>
    <message>
        <source>If closed now: %1 billed</source>
        <translation>若现在结束：计费 %1</translation>
    </message>
    <message>
        <source>If closed now: cannot be worked out. %1</source>
        <translation>无法计算若现在结束的计费时长。%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Close the session of coupon %1</source>
        <translation>结束优惠券 %1 的护理</translation>
    </message>
    <message>
        <source>Records the end of this care now and bills the time.</source>
        <translation>以当前时间记录此护理结束，并计费。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1</source>
        <translation>取消优惠券 %1 的护理</translation>
    </message>
    <message>
        <source>Asks for a reason, then cancels this care: no time is billed.</source>
        <translation>选择原因后取消此护理，不计费。</translation>
    </message>
    <message>
        <source>Why cancel?</source>
        <translation>取消原因？</translation>
    </message>
    <message>
        <source>Cancel the session of coupon %1: %2</source>
        <translation>取消优惠券 %1 的护理：%2</translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation>不取消</translation>
    </message>
    <message>
        <source>Keep the session of coupon %1 open</source>
        <translation>继续优惠券 %1 的护理</translation>
    </message>
    <message>
        <source>Open session of coupon %1</source>
        <translation>优惠券 %1 进行中的护理</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::PaperPage</name>
    <message>
        <source>Ticket number</source>
        <translation>券号</translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation>开始（当地时间）</translation>
    </message>
    <message>
        <source>Stop (local time)</source>
        <translation>结束（当地时间）</translation>
    </message>
    <message>
        <source>Record paper ticket</source>
        <translation>记录纸质券</translation>
    </message>
    <message>
        <source>as printed on the ticket</source>
        <translation>按券面所印号码</translation>
    </message>
    <message>
        <source>Paper ticket number</source>
        <translation>纸质券编号</translation>
    </message>
    <message>
        <source>Start of the care</source>
        <translation>护理开始时间</translation>
    </message>
    <message>
        <source>Stop of the care</source>
        <translation>护理结束时间</translation>
    </message>
    <message>
        <source>Record the paper ticket session</source>
        <translation>记录纸质券护理</translation>
    </message>
    <message>
        <source>Paper ticket %1 recorded: %2, %3 billed (session %4).</source>
        <translation>纸质券 %1 已记录：%2，计费 %3（护理 %4）。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ReportsPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Monthly statement (every session)</source>
        <translation>月度实绩报告/结算单（全部护理明细）</translation>
    </message>
    <message>
        <source>Daily totals</source>
        <translation>每日汇总</translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation>结算汇总</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>Save CSV</source>
        <translation>保存 CSV</translation>
    </message>
    <message>
        <source>Month of the report</source>
        <translation>报表月份</translation>
    </message>
    <message>
        <source>Kind of report</source>
        <translation>报表类型</translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation>报表内容</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>打印报表</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>将报表保存为 PDF 文件</translation>
    </message>
    <message>
        <source>Save the report as a CSV file</source>
        <translation>将报表保存为 CSV 文件</translation>
    </message>
    <message>
        <source>The report cannot be read.</source>
        <translation>无法读取报表。</translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation>本月没有记录。</translation>
    </message>
    <message>
        <source>Choose the printer</source>
        <translation>选择打印机</translation>
    </message>
    <message>
        <source>The report was sent to the printer.</source>
        <translation>报表已发送到打印机。</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>将报表保存为 PDF</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation>将报表保存为 CSV</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ResultPanel</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>已开始</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Repeated scan</source>
        <translation>重复扫描</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Recorded, please note</source>
        <translation>已记录（请注意）</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>未受理</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ScanScreen</name>
    <message>
        <source>No camera picture yet. Hold the coupon&apos;s QR code to the scanner.</source>
        <translation>尚无摄像头画面。请将优惠券二维码对准扫描器。</translation>
    </message>
    <message>
        <source>Scan the coupon&apos;s QR code with the scanner.</source>
        <translation>请用扫描器扫描优惠券二维码。</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
    <message>
        <source>What the camera sees: hold the coupon&apos;s QR code in front of it.</source>
        <translation>摄像头画面：请将优惠券二维码置于摄像头前。</translation>
    </message>
    <message>
        <source>No camera was found. Connect a camera, or type the coupon id.</source>
        <translation>未找到摄像头。请连接摄像头，或输入优惠券编号。</translation>
    </message>
    <message>
        <source>The camera chosen in the settings (%1) is not connected. Connect it or choose another camera in the settings, or type the coupon id.</source>
        <translation>设置中选择的摄像头（%1）未连接。请连接该摄像头或在设置中选择其他摄像头，或输入优惠券编号。</translation>
    </message>
    <message>
        <source>The camera stopped working (%1). Check its cable and start scanning again, or type the coupon id.</source>
        <translation>摄像头停止工作（%1）。请检查连接线后重新开始扫描，或输入优惠券编号。</translation>
    </message>
    <message>
        <source>Load QR image…</source>
        <translation>加载二维码图片…</translation>
    </message>
    <message>
        <source>Load a QR code image from a file</source>
        <translation>从文件加载二维码图片</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::ServicePicker</name>
    <message>
        <source>Care:</source>
        <translation>护理：</translation>
    </message>
    <message>
        <source>Care to start:</source>
        <translation>要开始的护理：</translation>
    </message>
    <message>
        <source>Type of care (fixed): %1</source>
        <translation>护理类型（固定）：%1</translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>开始%1护理</translation>
    </message>
    <message>
        <source>A scan opens a session of this type of care.</source>
        <translation>扫描后将开始此类护理。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SettingsPage</name>
    <message>
        <source>The settings were not saved. %1</source>
        <translation>设置未保存。%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描器</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation>串口扫描器端口</translation>
    </message>
    <message>
        <source>Serial speed (baud)</source>
        <translation>串口速率（波特）</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Service a scan opens</source>
        <translation>扫描时开始的护理</translation>
    </message>
    <message>
        <source>Sign out after this long untouched</source>
        <translation>无操作自动退出登录时间</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Municipal ledger</source>
        <translation>地方政府台账</translation>
    </message>
    <message>
        <source>Camera (and keyboard wedge)</source>
        <translation>摄像头（兼用键盘式扫描枪）</translation>
    </message>
    <message>
        <source>Keyboard wedge scanner only</source>
        <translation>仅键盘式扫描枪</translation>
    </message>
    <message>
        <source>Serial scanner (and keyboard wedge)</source>
        <translation>串口扫描器（兼用键盘式扫描枪）</translation>
    </message>
    <message>
        <source>None (typed ids only)</source>
        <translation>无（仅手动输入编号）</translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation>系统默认摄像头</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>Care facility (stay and day)</source>
        <translation>护理机构（住宿型和日间型）</translation>
    </message>
    <message>
        <source>Home visits (works offline for hours)</source>
        <translation>上门（可长时间离线工作）</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>住宿型</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日间型</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>上门型</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Play a sound on each scan</source>
        <translation>每次扫描时播放提示音</translation>
    </message>
    <message>
        <source>Run full screen</source>
        <translation>全屏运行</translation>
    </message>
    <message>
        <source>Not enrolled: this terminal keeps its records locally.</source>
        <translation>未登记：本终端仅在本地保存记录。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>The settings were not saved: the receipt printer must be a printer&apos;s device, such as /dev/usb/lp0, or the name of a print queue.</source>
        <translation>设置未保存：小票打印机必须是打印机设备（如 /dev/usb/lp0）或打印队列的名称。</translation>
    </message>
    <message>
        <source>Receipt printer (device or print queue)</source>
        <translation>小票打印机（设备或打印队列）</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SignInScreen</name>
    <message>
        <source>Enter your staff id, then your PIN.</source>
        <translation>请先输入员工编号，再输入 PIN。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong PIN(s) and sign-in is locked for a few minutes.</source>
        <translation>
            <numerusform>PIN 不正确。再输错 %n 次，将有几分钟无法登录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked for a few minutes.</source>
        <translation>PIN 连续输入错误，%1 几分钟内无法登录。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: sign-in for %1 is locked until %2.</source>
        <translation>PIN 连续输入错误，%1 在 %2 之前无法登录。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the field</source>
        <translation>清除输入</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
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
        <translation>Sango 无法启动</translation>
    </message>
    <message>
        <source>The kiosk cannot start</source>
        <translation>终端无法启动</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
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
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Local only (not enrolled)</source>
        <translation>仅本地（未登记）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) to check</source>
        <translation>
            <numerusform>%n 项护理待处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n (oldest %1)</source>
        <translation>
            <numerusform>待发送 %n 条（最早 %1前）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to send: %n</source>
        <translation>
            <numerusform>待发送 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in: %1 (manager)</source>
        <translation>已登录：%1（管理员）</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese (simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Back to the scan screen</source>
        <translation>返回扫描界面</translation>
    </message>
    <message>
        <source>Manager&apos;s pages</source>
        <translation>管理员页面</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Connection to the ledger</source>
        <translation>与台账的连接</translation>
    </message>
    <message>
        <source>Events waiting to be sent</source>
        <translation>待发送的事件</translation>
    </message>
    <message>
        <source>Signed-in staff member</source>
        <translation>已登录的员工</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO 演示</translation>
    </message>
    <message>
        <source>Demonstration store</source>
        <translation>演示用存储库</translation>
    </message>
    <message>
        <source>A demonstration store: it trusts the published test keys and must never take real coupons.</source>
        <translation>演示用存储库：它信任已公开的测试密钥，绝不可用于真实的优惠券。</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SyncPage</name>
    <message>
        <source>Sync asked for: the result shows here when the ledger has answered.</source>
        <translation>已请求同步，台账应答后结果将显示在这里。</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登记状态</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Events waiting</source>
        <translation>待发送事件</translation>
    </message>
    <message>
        <source>Oldest waiting</source>
        <translation>最早的待发送事件</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Last sync result</source>
        <translation>上次同步结果</translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed (to resolve)</source>
        <translation>台账拒绝或有异议的护理（待处理）</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>护理记录编号</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Synchronise with the ledger now</source>
        <translation>立即与台账同步</translation>
    </message>
    <message>
        <source>Sessions the ledger rejected or disputed</source>
        <translation>台账拒绝或有异议的护理</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>no: this terminal works offline only</source>
        <translation>未登记：本终端仅离线工作</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>sync not running</source>
        <translation>同步未运行</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>What the ledger says</source>
        <translation>台账的答复</translation>
    </message>
    <message>
        <source>Ledger&apos;s figures and this terminal&apos;s</source>
        <translation>台账的数值与本终端的数值</translation>
    </message>
    <message>
        <source>Ledger: %1</source>
        <translation>台账：%1</translation>
    </message>
    <message>
        <source>no figures given</source>
        <translation>未提供数值</translation>
    </message>
    <message>
        <source>This terminal: %1</source>
        <translation>本终端：%1</translation>
    </message>
</context>
<context>
    <name>sango::report::ReportRenderer</name>
    <message>
        <source>Session</source>
        <translation>护理记录编号</translation>
    </message>
    <message>
        <source>Coupon / ticket</source>
        <translation>优惠券/纸质券编号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>使用日期</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Actual minutes</source>
        <translation>实际分钟</translation>
    </message>
    <message>
        <source>Billed minutes</source>
        <translation>计费分钟</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Correction reason</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>护理</translation>
    </message>
    <message>
        <source>Yen per hour</source>
        <translation>每小时单价（日元）</translation>
    </message>
    <message>
        <source>Amount (yen)</source>
        <translation>金额（日元）</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>小时数</translation>
    </message>
    <message>
        <source>Nothing recorded in this month.</source>
        <translation>本月没有记录。</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>每日汇总</translation>
    </message>
    <message>
        <source>Monthly statement</source>
        <translation>月度实绩报告/结算单</translation>
    </message>
    <message>
        <source>Billing totals</source>
        <translation>结算汇总</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务机构</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>地方政府</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>Price table version</source>
        <translation>价格表版本</translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Totals per service</source>
        <translation>按服务类型合计</translation>
    </message>
    <message>
        <source>Amount = floor(billed minutes × yen per hour ÷ 60) per service and price period. Cancelled and open sessions count in no total.</source>
        <translation>金额 = 计费分钟 × 每小时单价 ÷ 60（不足 1 日元的部分舍去），按服务类型和价格期间分别计算。已取消和进行中的护理不计入任何合计。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>This report comes from a demonstration store: it is not a real statement and bills nobody.</source>
        <translation>本报表来自演示用存储库：并非正式报表，不可用于结算。</translation>
    </message>
</context>
</TS>
