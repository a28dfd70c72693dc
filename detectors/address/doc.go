// Package address detects postal addresses: Japanese addresses (〒, 都道府県,
// 市区町村, 町名, 丁目・番地・号, building, floor and room); Western
// addresses anchored on their postcodes (US, Australia, the Netherlands,
// France, the UK); and, after a label or in an address column, addresses
// of any form.
package address
