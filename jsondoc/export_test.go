package jsondoc

// FromDomain is fromDomain, for the tests of package jsondoc_test.
var FromDomain = fromDomain
