// sango-demo-issuer: mints demo coupons with the tests' published key, for the README's demonstration and
// for trying the terminal by hand. Never trusted by a real deployment (its kid ends in "-test").
//   sango-demo-issuer trust                       the trust store (JSON array) to give `sango init --trust`
//   sango-demo-issuer issue N [GRANT] [SERVICES]  the QR text of demo coupon number N (services: stay,day,visit)
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "sango/coupon_id.h"
#include "test_issuer.h"

int main(int argc, char** argv)
{
    const sango::test::TestIssuer issuer;
    const std::string verb = argc > 1 ? argv[1] : "";
    if (verb == "trust") {
        std::cout << issuer.trustJson().dump(1) << '\n';
        return 0;
    }
    if (verb == "issue" && argc > 2) {
        sango::test::TestIssuer::Claims c;
        c.couponId = sango::test::TestIssuer::makeCouponId(std::stoull(argv[2]));
        if (argc > 3)
            c.grant = std::stoi(argv[3]);
        if (argc > 4) {
            c.services.clear();
            std::stringstream ss(argv[4]);
            for (std::string s; std::getline(ss, s, ',');)
                c.services.push_back(s);
        }
        std::cout << issuer.issue(c) << '\n';
        std::cerr << "coupon id " << sango::couponid::grouped(c.couponId) << '\n';
        return 0;
    }
    std::cerr << "usage: sango-demo-issuer trust | issue N [GRANT] [SERVICES]\n";
    return 1;
}
