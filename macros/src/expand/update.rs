//! Update builders (by key and by filter), lookups and deletes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Entity;

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    let vis = entity.vis;
    let Some(key) = entity.key() else {
        return TokenStream::new();
    };
    let key_ty = key.ty;
    let builder = format_ident!("{}Update", ident);
    let soft_delete = entity.attrs.soft_delete.is_set().then(|| {
        quote! {
            /// Removes the row with this key for good (a plain delete only marks it deleted).
            #vis fn hard_delete_by_id<'a>(
                exec: impl #krate::Executor<'a>,
                key: #key_ty,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                #krate::hard_delete_by_key::<#ident>(exec, key)
            }

            /// Brings back the soft-deleted row with this key.
            #vis fn restore_by_id<'a>(
                exec: impl #krate::Executor<'a>,
                key: #key_ty,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                #krate::restore_by_key::<#ident>(exec, key)
            }
        }
    });

    let setters = entity.fields.iter().enumerate().filter(|(_, f)| f.settable_in_update()).map(|(index, f)| {
        let ty = f.ty;
        let set = format_ident!("set_{}", f.name);
        let doc = format!("Sets `{}`.", f.name);
        let clear = f.optional.then(|| {
            let clear = format_ident!("clear_{}", f.name);
            let doc = format!("Sets `{}` to NULL.", f.name);
            quote! {
                #[doc = #doc]
                pub fn #clear(mut self) -> Self {
                    self.inner.assign(#index, #krate::Value::Null(<#ty as #krate::ColumnValue>::TYPE));
                    self
                }
            }
        });
        let add = matches!(f.kind, crate::model::TypeKind::Int | crate::model::TypeKind::Float).then(|| {
            let add = format_ident!("add_{}", f.name);
            let inner = f.inner_ty;
            let doc = format!("Adds `delta` to `{}` in the database (`{} = {} + delta`).", f.name, f.column, f.column);
            quote! {
                #[doc = #doc]
                pub fn #add(mut self, delta: #inner) -> Self {
                    self.inner.assign_add(#index, #krate::ColumnValue::into_value(delta));
                    self
                }
            }
        });
        quote! {
            #add
            #[doc = #doc]
            pub fn #set(mut self, value: impl #krate::Operand<#ty>) -> Self {
                self.inner.assign(#index, #krate::Operand::into_operand(value));
                self
            }
            #clear
        }
    });

    let doc = format!(
        "Update builder for [`{ident}`]: by key from [`{ident}::update_by_id`] / `update()`, or by filter from [`{ident}::update_many`]."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "an update builder does nothing until `save` or `exec` is called"]
        #[derive(Debug)]
        #vis struct #builder<M = #krate::Update<#ident>> {
            inner: M,
        }

        impl<M: #krate::Assign> #builder<M> {
            #(#setters)*
        }

        impl #builder<#krate::Update<#ident>> {
            /// Restricts the update to rows matching `predicate`.
            #[inline]
            pub fn filter(mut self, predicate: #krate::Predicate<#ident>) -> Self {
                self.inner.filter(predicate);
                self
            }

            /// Applies the update; returns the number of rows matched.
            pub fn exec<'a>(
                self,
                exec: impl #krate::Executor<'a>,
            ) -> impl ::core::future::Future<Output = #krate::Result<u64>> {
                self.inner.exec(exec)
            }

            /// Applies the update and returns the updated rows (PostgreSQL and
            /// SQLite; `Error::Unsupported` on MySQL/MariaDB, which lack
            /// `UPDATE ... RETURNING`).
            pub fn exec_returning<'a>(
                self,
                exec: impl #krate::Executor<'a>,
            ) -> impl ::core::future::Future<Output = #krate::Result<::std::vec::Vec<#ident>>> {
                self.inner.exec_returning(exec)
            }
        }

        impl #builder<#krate::UpdateOne<#ident>> {
            /// Applies the update and returns the entity as stored.
            pub fn save<'a>(
                self,
                exec: impl #krate::Executor<'a>,
            ) -> impl ::core::future::Future<Output = #krate::Result<#ident>> {
                self.inner.save(exec)
            }
        }

        #[automatically_derived]
        impl #krate::Savable<#ident> for #builder<#krate::UpdateOne<#ident>> {
            #[inline]
            fn into_save(self) -> #krate::SaveOp<#ident> {
                #krate::SaveOp::Update(self.inner)
            }
        }

        impl #ident {
            /// A query over all rows; narrow it with `filter`.
            #[inline]
            #vis fn query() -> #krate::Query<#ident> {
                #krate::Query::new()
            }

            /// The row with this key, or `Error::NotFound`.
            #vis fn get<'a>(
                exec: impl #krate::Executor<'a>,
                key: #key_ty,
            ) -> impl ::core::future::Future<Output = #krate::Result<#ident>> {
                #krate::get_by_key::<#ident>(exec, key)
            }

            /// The row with this key, if any.
            #vis fn find<'a>(
                exec: impl #krate::Executor<'a>,
                key: #key_ty,
            ) -> impl ::core::future::Future<Output = #krate::Result<::core::option::Option<#ident>>> {
                #krate::find_by_key::<#ident>(exec, key)
            }

            /// An update of the row with this key.
            #[inline]
            #vis fn update_by_id(key: #key_ty) -> #builder<#krate::UpdateOne<#ident>> {
                #builder { inner: #krate::UpdateOne::new(key) }
            }

            /// An update of this row.
            #[inline]
            #vis fn update(&self) -> #builder<#krate::UpdateOne<#ident>> {
                Self::update_by_id(#krate::Entity::key(self))
            }

            /// An update of every row matching the builder's `filter`.
            #[inline]
            #vis fn update_many() -> #builder {
                #builder { inner: #krate::Update::new() }
            }

            /// Deletes the row with this key, or `Error::NotFound`.
            #vis fn delete_by_id<'a>(
                exec: impl #krate::Executor<'a>,
                key: #key_ty,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                #krate::delete_by_key::<#ident>(exec, key)
            }

            /// Deletes this row.
            #vis fn delete<'a>(
                &self,
                exec: impl #krate::Executor<'a>,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                #krate::delete_by_key::<#ident>(exec, #krate::Entity::key(self))
            }

            #soft_delete

            /// A delete of every row matching its `filter`.
            #[inline]
            #vis fn delete_many() -> #krate::Delete<#ident> {
                #krate::Delete::new()
            }
        }
    }
}
