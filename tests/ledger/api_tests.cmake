# The reference ledger's terminal API (LedgerApi, sync/openapi.yaml, `sango-ledger serve`): included by this
# directory's CMakeLists.txt. The route test reads the OpenAPI document from the source tree; the serve test
# runs the built sango-ledger, so building these tests builds it too.
sango_test(sango_ledger_api_tests
  api_support.cpp
  api_test_routes.cpp
  api_test_hostile.cpp
  api_test_flow.cpp
  api_test_serve.cpp
)
target_link_libraries(sango_ledger_api_tests PRIVATE sango::ledger sango::server)
# The busy-store test holds the ledger's write lock through a second connection of its own.
target_link_libraries(sango_ledger_api_tests PRIVATE sango::sql)
target_compile_definitions(sango_ledger_api_tests PRIVATE
  SANGO_OPENAPI_FILE="${PROJECT_SOURCE_DIR}/sync/openapi.yaml")
if(TARGET sango-ledger)
  add_dependencies(sango_ledger_api_tests sango-ledger)
endif()
