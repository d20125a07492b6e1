<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- A test translation (not the product's): two strings, so that a test sees visible text change. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>sango::kiosk::MainWindow</name>
    <message>
        <source>Sango: postpartum care coupons</source>
        <translation>产后护理券</translation>
    </message>
</context>
<context>
    <name>sango::kiosk::SignInScreen</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
</TS>
